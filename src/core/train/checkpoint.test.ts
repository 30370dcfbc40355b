import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.ts';
import { decodeCheckpoint, encodeCheckpoint, expectedTensors, type Checkpoint } from './checkpoint.ts';

const config = { ...DEFAULT_CONFIG, depth: 8, width: 4, mode: 'bn' as const };

function sample(): Checkpoint {
  const tensors = expectedTensors(config).map((t, i) => ({
    ...t, values: Float32Array.from({ length: t.shape.reduce((a, b) => a * b, 1) }, (_, j) => i + j / 10),
  }));
  return { version: 1, config, step: 7, tensors };
}

describe('checkpoint format', () => {
  it('round-trips every value', () => {
    const ck = sample();
    const back = decodeCheckpoint(encodeCheckpoint(ck));
    expect(back.step).toBe(7);
    expect(back.config).toEqual(config);
    // BN-only ResNet-8: 9 BN layers (stem, 2 per block, 2 shortcuts) → 18 γ/β, 18 running stats, 18 velocities.
    expect(back.tensors).toHaveLength(54);
    back.tensors.forEach((t, i) => expect(Array.from(t.values)).toEqual(Array.from(ck.tensors[i].values)));
  });

  it.each([
    ['empty file', () => new Uint8Array(0), /only 0 bytes long/],
    ['other file', () => new TextEncoder().encode('PK\u0003\u0004 this is a zip file'), /signature "BNCK"/],
    ['truncated', () => encodeCheckpoint(sample()).subarray(0, 400), /out of the file|does not fit|whole number|truncated/],
    ['header garbage', () => { const b = encodeCheckpoint(sample()); b[12] = 0x5b; /* '[' */ return b; }, /not valid JSON/],
  ])('rejects %s with a clear message', (_name, make, msg) => {
    expect(() => decodeCheckpoint(make())).toThrow(msg);
  });

  it('rejects a NaN and a config that does not match the tensors', () => {
    const ck = sample();
    ck.tensors[3].values[0] = NaN;
    expect(() => decodeCheckpoint(encodeCheckpoint(ck))).toThrow(/non-finite value/);
    const other = sample();
    other.config = { ...config, mode: 'all' };
    expect(() => decodeCheckpoint(encodeCheckpoint(other))).toThrow(/expected \d+ tensors/);
    const bad = sample();
    (bad.config as unknown as Record<string, unknown>).depth = 15;
    expect(() => decodeCheckpoint(encodeCheckpoint(bad))).toThrow(/6N\+2/);
  });
});
