/**
 * A first look at a checkpoint file before it goes to the worker, so that a wrong or hostile
 * file is refused at once with a clear message and changes nothing. Reads only the header
 * that core/checkpointFormat.ts documents (magic "BNCK", version, header length, JSON with
 * config, step and tensor list); the worker's decodeCheckpoint still validates every shape
 * and value. Pure.
 */
import { CHECKPOINT_MAGIC as MAGIC, CHECKPOINT_VERSION as SUPPORTED_VERSION } from '../../core/checkpointFormat.ts';
import { validateConfig, type ExperimentConfig } from '../../core/config.ts';
/** Larger than any checkpoint of the biggest preset (ResNet-866 all-trained ≈ 112 MB). */
export const MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024;

export type CheckpointInspection =
  | { ok: true; config: ExperimentConfig; step: number; floats: number }
  | { ok: false; error: string };

export function inspectCheckpoint(bytes: Uint8Array, fileName = 'the file'): CheckpointInspection {
  const fail = (why: string): CheckpointInspection => ({ ok: false, error: `${fileName} is not a usable checkpoint: ${why}.` });
  if (bytes.length > MAX_CHECKPOINT_BYTES) return fail(`it is ${bytes.length.toLocaleString('en-US')} bytes, more than any checkpoint`);
  if (bytes.length < 12) return fail(`it is only ${bytes.length} bytes long`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) return fail('it does not start with the checkpoint signature "BNCK"');
  const version = view.getUint32(4, true);
  if (version !== SUPPORTED_VERSION) return fail(`format version ${version}; this app reads version ${SUPPORTED_VERSION}`);
  const headerLen = view.getUint32(8, true);
  if (headerLen % 4 !== 0 || 12 + headerLen > bytes.length) return fail(`its header length ${headerLen} does not fit in ${bytes.length} bytes`);
  let header: { config?: unknown; step?: unknown; tensors?: unknown };
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLen)));
  } catch {
    return fail('its header is not valid JSON (the file is damaged)');
  }
  if (typeof header !== 'object' || header === null || typeof header.config !== 'object' || header.config === null) return fail('its header has no config');
  const { config, issues } = validateConfig(header.config as Record<string, unknown>);
  if (issues.length) return fail(`its config is invalid (${issues.map((i) => i.message).join('; ')})`);
  if (typeof header.step !== 'number' || !Number.isInteger(header.step) || header.step < 0) return fail(`step ${JSON.stringify(header.step)} is not a whole number`);
  if (!Array.isArray(header.tensors)) return fail('its header lists no tensors');
  const floats = (bytes.length - 12 - headerLen) / 4;
  if (!Number.isInteger(floats)) return fail('its data is not a whole number of 32-bit floats (truncated?)');
  const needed = (header.tensors as { length?: unknown }[]).reduce<number>((a, t) => a + (typeof t?.length === 'number' ? t.length : NaN), 0);
  if (!(needed === floats)) return fail(`its header announces ${Number.isFinite(needed) ? needed : 'an unreadable number of'} values but it holds ${floats} (truncated or altered)`);
  return { ok: true, config, step: header.step, floats };
}
