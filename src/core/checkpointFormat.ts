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

export class CheckpointError extends Error {
  override name = 'CheckpointError';
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

/** Parses and validates; throws CheckpointError naming the first problem found. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const fail = (msg: string): never => {
    throw new CheckpointError(`Not a valid checkpoint: ${msg}`);
  };
  if (bytes.length < 12) fail(`file is ${bytes.length} bytes, too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== CHECKPOINT_MAGIC) fail('wrong magic number (not a BN-lab checkpoint file)');
  const version = view.getUint32(4, true);
  if (version !== CHECKPOINT_VERSION) fail(`format version ${version}, this app reads version ${CHECKPOINT_VERSION}`);
  const headerLen = view.getUint32(8, true);
  if (headerLen % 4 !== 0 || 12 + headerLen > bytes.length) fail(`header length ${headerLen} does not fit the ${bytes.length}-byte file`);
  let header: { config?: unknown; step?: unknown; tensors?: unknown };
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerLen)));
  } catch (e) {
    return fail(`header is not valid JSON (${(e as Error).message})`);
  }
  if (typeof header.config !== 'object' || header.config === null) fail('header has no config');
  const { config, issues } = validateConfig(header.config as Record<string, unknown>);
  if (issues.length) fail(`config: ${issues.map((i) => i.message).join('; ')}`);
  const step = header.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) fail(`step ${JSON.stringify(step)} is not a whole number ≥ 0`);
  const expected = expectedTensors(config);
  const stored = header.tensors as { group: string; name: string; shape: number[]; offset: number; length: number }[];
  if (!Array.isArray(stored) || stored.length !== expected.length) {
    fail(`expected ${expected.length} tensors for ResNet-${config.depth} (${config.mode}), found ${Array.isArray(stored) ? stored.length : 'none'}`);
  }
  const floats = (bytes.length - 12 - headerLen) / 4;
  if (!Number.isInteger(floats)) fail('payload is not a whole number of float32 values');
  const copy = new Uint8Array(bytes.subarray(12 + headerLen)); // aligned copy
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
  return { version, config, step: step as number, tensors };
}
