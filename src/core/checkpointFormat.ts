/**
 * The checkpoint file format: config, step, trainable parameters, BN running statistics and
 * SGD momentum, as one binary blob (magic "BNCK", version, JSON header, float32 payload).
 * Frozen weights are not stored: the seed in the config rebuilds them. Decoding validates
 * everything against the architecture the config implies and names what is wrong.
 * Pure (no tfjs), so the page can check a file before handing it to the worker.
 */
import { validateConfig, type ExperimentConfig } from './config.ts';
import { partitionParams } from './model/partition.ts';
import { buildResNetSpec } from './model/spec.ts';

export const CHECKPOINT_VERSION = 1;
/** "BNCK" read as a little-endian uint32: the first four bytes of every checkpoint. */
export const CHECKPOINT_MAGIC = 0x4b434e42;

export type TensorGroup = 'param' | 'running-mean' | 'running-var' | 'velocity';

/** A stored tensor: `name` is the parameter or BN layer name. */
export interface StoredTensor {
  group: TensorGroup;
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface Checkpoint {
  version: number;
  config: ExperimentConfig;
  /** Steps completed when it was taken. */
  step: number;
  tensors: StoredTensor[];
}

/** Why bytes are not a usable checkpoint; `reason` is the bare reason, for callers' own wording. */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
  constructor(readonly reason: string) {
    super(`Not a valid checkpoint: ${reason}`);
  }
}

/** A header entry: where a tensor's values sit in the payload (in floats). */
export interface HeaderEntry {
  group: string;
  name: string;
  shape: number[];
  offset: number;
  length: number;
}

/** What the header says, checked for framing, config and size, before any payload is read. */
export interface CheckpointHeader {
  version: number;
  config: ExperimentConfig;
  step: number;
  entries: HeaderEntry[];
  /** Byte offset of the float32 payload. */
  payloadOffset: number;
  /** Floats in the payload. */
  floats: number;
}

/** The tensors a checkpoint of `config` must hold, in order. */
export function expectedTensors(config: ExperimentConfig): Omit<StoredTensor, 'values'>[] {
  const spec = buildResNetSpec(config.depth, config.width);
  const part = partitionParams(spec, config);
  const out: Omit<StoredTensor, 'values'>[] = [];
  for (const r of part.roles) if (r.trainable) out.push({ group: 'param', name: r.spec.name, shape: r.spec.shape });
  for (const l of spec.bnLayers) {
    out.push({ group: 'running-mean', name: l.name, shape: [l.channels] });
    out.push({ group: 'running-var', name: l.name, shape: [l.channels] });
  }
  for (const r of part.roles) if (r.trainable) out.push({ group: 'velocity', name: r.spec.name, shape: r.spec.shape });
  return out;
}

export function encodeCheckpoint(ckpt: Checkpoint): Uint8Array {
  let offset = 0;
  const header = {
    version: ckpt.version, config: ckpt.config, step: ckpt.step,
    tensors: ckpt.tensors.map((t) => {
      const e = { group: t.group, name: t.name, shape: t.shape, offset, length: t.values.length };
      offset += t.values.length;
      return e;
    }),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLen = Math.ceil(json.length / 4) * 4;
  const out = new Uint8Array(12 + headerLen + offset * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, CHECKPOINT_MAGIC, true);
  view.setUint32(4, CHECKPOINT_VERSION, true);
  view.setUint32(8, headerLen, true);
  out.set(json, 12);
  out.fill(0x20, 12 + json.length, 12 + headerLen);
  const payload = new Float32Array(out.buffer, 12 + headerLen, offset);
  for (let i = 0; i < ckpt.tensors.length; i++) payload.set(ckpt.tensors[i].values, header.tensors[i].offset);
  return out;
}

/**
 * Reads and checks the header only (cheap for any file size): signature, version, header
 * length, JSON, a valid config, the step, and that the listed tensors fill the payload
 * exactly. Throws CheckpointError naming the first problem.
 */
export function readCheckpointHeader(bytes: Uint8Array): CheckpointHeader {
  const fail = (reason: string): never => {
    throw new CheckpointError(reason);
  };
  if (bytes.length < 12) fail(`it is only ${bytes.length} bytes long`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== CHECKPOINT_MAGIC) fail('it does not start with the checkpoint signature "BNCK"');
  const version = view.getUint32(4, true);
  if (version !== CHECKPOINT_VERSION) fail(`format version ${version}; this app reads version ${CHECKPOINT_VERSION}`);
  const headerLen = view.getUint32(8, true);
  if (headerLen % 4 !== 0 || 12 + headerLen > bytes.length) fail(`its header length ${headerLen} does not fit in ${bytes.length} bytes`);
  let header: { config?: unknown; step?: unknown; tensors?: unknown } | null = null;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLen)));
  } catch {
    fail('its header is not valid JSON (the file is damaged)');
  }
  if (typeof header !== 'object' || header === null || typeof header.config !== 'object' || header.config === null) return fail('its header has no config');
  const { config, issues } = validateConfig(header.config as Record<string, unknown>);
  if (issues.length) fail(`its config is invalid (${issues.map((i) => i.message).join('; ')})`);
  const step = header.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) fail(`step ${JSON.stringify(step)} is not a whole number`);
  if (!Array.isArray(header.tensors)) fail('its header lists no tensors');
  const entries = header.tensors as HeaderEntry[];
  const floats = (bytes.length - 12 - headerLen) / 4;
  if (!Number.isInteger(floats)) fail('its data is not a whole number of 32-bit floats (truncated?)');
  const needed = entries.reduce<number>((a, t) => a + (typeof t?.length === 'number' ? t.length : NaN), 0);
  if (needed !== floats) fail(`its header announces ${Number.isFinite(needed) ? needed : 'an unreadable number of'} values but it holds ${floats} (truncated or altered)`);
  return { version, config, step: step as number, entries, payloadOffset: 12 + headerLen, floats };
}

/** Parses and validates every tensor; throws CheckpointError naming the first problem found. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const fail = (reason: string): never => {
    throw new CheckpointError(reason);
  };
  const { version, config, step, entries: stored, payloadOffset, floats } = readCheckpointHeader(bytes);
  const expected = expectedTensors(config);
  if (stored.length !== expected.length) fail(`expected ${expected.length} tensors for ResNet-${config.depth} (${config.mode}), found ${stored.length}`);
  const copy = new Uint8Array(bytes.subarray(payloadOffset)); // aligned copy
  const payload = new Float32Array(copy.buffer, 0, floats);
  const tensors = expected.map((e, i): StoredTensor => {
    const s = stored[i];
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (s?.group !== e.group || s.name !== e.name) fail(`tensor ${i} is ${s?.group} ${s?.name}, expected ${e.group} ${e.name}`);
    if (JSON.stringify(s.shape) !== JSON.stringify(e.shape)) fail(`${e.name} has shape [${s.shape}], expected [${e.shape}]`);
    if (s.length !== size || !Number.isInteger(s.offset) || s.offset < 0 || s.offset + size > floats) fail(`${e.name}: data range out of the file`);
    const values = payload.slice(s.offset, s.offset + size);
    for (let j = 0; j < values.length; j++) if (!Number.isFinite(values[j])) fail(`${e.name} holds a non-finite value at ${j}`);
    return { ...e, values };
  });
  return { version, config, step, tensors };
}
