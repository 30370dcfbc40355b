/**
 * A first look at a checkpoint file before it goes to the worker, so that a wrong or hostile
 * file is refused at once with a clear message and changes nothing. Reads only the header
 * (core/checkpointFormat.ts: cheap for any size); the worker's decodeCheckpoint still checks
 * every tensor's name, shape and values. Pure.
 */
import { CheckpointError, readCheckpointHeader } from '../../core/checkpointFormat.ts';
import type { ExperimentConfig } from '../../core/config.ts';
/** Larger than any checkpoint of the biggest preset (ResNet-866 all-trained ≈ 112 MB). */
export const MAX_CHECKPOINT_BYTES = 256 * 1024 * 1024;

export type CheckpointInspection =
  | { ok: true; config: ExperimentConfig; step: number; floats: number }
  | { ok: false; error: string };

export function inspectCheckpoint(bytes: Uint8Array, fileName = 'the file'): CheckpointInspection {
  const fail = (why: string): CheckpointInspection => ({ ok: false, error: `${fileName} is not a usable checkpoint: ${why}.` });
  if (bytes.length > MAX_CHECKPOINT_BYTES) return fail(`it is ${bytes.length.toLocaleString('en-US')} bytes, more than any checkpoint`);
  try {
    const h = readCheckpointHeader(bytes);
    return { ok: true, config: h.config, step: h.step, floats: h.floats };
  } catch (e) {
    if (e instanceof CheckpointError) return fail(e.reason);
    throw e;
  }
}
