import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { encodeCheckpoint, type Checkpoint } from '../../core/checkpointFormat.ts';
import { inspectCheckpoint } from './checkpointFile.ts';

/** A well-formed checkpoint file with one 3-value tensor, from the core encoder. */
const file = (over: Partial<Checkpoint> = {}) =>
  encodeCheckpoint({ version: 1, config: DEFAULT_CONFIG, step: 5, tensors: [{ group: 'param', name: 'x', shape: [3], values: new Float32Array(3) }], ...over });

describe('checkpoint first look', () => {
  it('accepts a well-formed file and reports its config and step', () => {
    expect(inspectCheckpoint(file())).toEqual({ ok: true, config: DEFAULT_CONFIG, step: 5, floats: 3 });
  });
  it('names what is wrong', () => {
    const err = (b: Uint8Array) => {
      const r = inspectCheckpoint(b, 'f.bnckpt');
      return r.ok ? '' : r.error;
    };
    expect(err(new Uint8Array(5))).toBe('f.bnckpt is not a usable checkpoint: it is only 5 bytes long.');
    expect(err(new TextEncoder().encode('hello world, not a checkpoint'))).toMatch(/signature "BNCK"/);
    const v2 = file();
    new DataView(v2.buffer).setUint32(4, 2, true);
    expect(err(v2)).toMatch(/format version 2/);
    expect(err(file().subarray(0, 40))).toMatch(/header length/);
    expect(err(file({ config: { ...DEFAULT_CONFIG, depth: 15 } }))).toMatch(/config is invalid \(depth: 15/);
    expect(err(file({ step: -1 }))).toMatch(/step -1/);
    const whole = file();
    expect(err(whole.subarray(0, whole.length - 4))).toMatch(/announces 3 values but it holds 2/);
    const cut = file();
    expect(err(cut.subarray(0, cut.length - 2))).toMatch(/whole number of 32-bit floats/);
  });
});
