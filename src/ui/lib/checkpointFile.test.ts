import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { inspectCheckpoint } from './checkpointFile.ts';

function blob(header: object, floats: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLen = Math.ceil(json.length / 4) * 4;
  const out = new Uint8Array(12 + headerLen + floats * 4);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x4b434e42, true);
  v.setUint32(4, 1, true);
  v.setUint32(8, headerLen, true);
  out.set(json, 12);
  out.fill(0x20, 12 + json.length, 12 + headerLen);
  return out;
}
const good = { version: 1, config: DEFAULT_CONFIG, step: 5, tensors: [{ group: 'param', name: 'x', shape: [3], offset: 0, length: 3 }] };

describe('checkpoint first look', () => {
  it('accepts a well-formed file and reports its config and step', () => {
    expect(inspectCheckpoint(blob(good, 3))).toEqual({ ok: true, config: DEFAULT_CONFIG, step: 5, floats: 3 });
  });
  it('names what is wrong', () => {
    const err = (b: Uint8Array) => {
      const r = inspectCheckpoint(b, 'f.bnckpt');
      return r.ok ? '' : r.error;
    };
    expect(err(new Uint8Array(5))).toBe('f.bnckpt is not a usable checkpoint: it is only 5 bytes long.');
    expect(err(new TextEncoder().encode('hello world, not a checkpoint'))).toMatch(/signature "BNCK"/);
    const v2 = blob(good, 3);
    new DataView(v2.buffer).setUint32(4, 2, true);
    expect(err(v2)).toMatch(/format version 2/);
    expect(err(blob(good, 3).subarray(0, 40))).toMatch(/header length/);
    expect(err(blob({ ...good, config: { ...DEFAULT_CONFIG, depth: 15 } }, 3))).toMatch(/config is invalid \(depth: 15/);
    expect(err(blob({ ...good, step: -1 }, 3))).toMatch(/step -1/);
    expect(err(blob(good, 2))).toMatch(/announces 3 values but it holds 2/);
    const cut = blob(good, 3);
    expect(err(cut.subarray(0, cut.length - 2))).toMatch(/whole number of 32-bit floats/);
  });
});
