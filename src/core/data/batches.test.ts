import { describe, expect, it } from 'vitest';
import type { Rng } from '../rng.ts';
import { createRng } from '../rng.ts';
import { epochOrder, fillBatch, labelsFor } from './batches.ts';
import { parseCifarBatch } from './cifarRecords.ts';
import { syntheticBatch } from './testing/synthetic.ts';

const mean = [0.5, 0.4, 0.3] as const;
const std = [0.25, 0.2, 0.1] as const;
const f32 = Math.fround;

/** An Rng that replays scripted draws: int() from `ints`, uniform() from `uniforms`. */
function scriptedRng(ints: number[], uniforms: number[]): Rng {
  return {
    int: () => ints.shift()!,
    uniform: () => uniforms.shift()!,
    nextU32: () => 0,
    normal: () => 0,
  };
}

/** One image whose R/G/B pixel at (y, x) is y*8 + x/4 | 0, 100 + y, 255 - x. */
function knownImage(label = 3) {
  const bytes = new Uint8Array(3073);
  bytes[0] = label;
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      bytes[1 + y * 32 + x] = y * 8 + ((x / 4) | 0);
      bytes[1 + 1024 + y * 32 + x] = 100 + y;
      bytes[1 + 2048 + y * 32 + x] = 255 - x;
    }
  }
  return parseCifarBatch('known.bin', bytes);
}

describe('fillBatch', () => {
  it('scales to [0,1] then normalises per channel (hand-computed pixel)', () => {
    const split = knownImage();
    const out = new Float32Array(3072);
    fillBatch(split, [0], out, { augment: false, mean, std });
    // pixel (y=2, x=9): R = 2*8 + 2 = 18, G = 102, B = 246; NHWC offset (2*32 + 9)*3 = 219
    expect(out[219]).toBe(f32((18 / 255 - 0.5) / 0.25)); // -1.7176470...
    expect(out[219]).toBeCloseTo(-1.717647, 5);
    expect(out[220]).toBeCloseTo((102 / 255 - 0.4) / 0.2, 6); // 0
    expect(out[221]).toBeCloseTo((246 / 255 - 0.3) / 0.1, 5); // 6.6470588
    expect(out[221]).toBeCloseTo(6.647059, 5);
  });

  it('crops at (top, left) = (1, 7) and flips, pixel by pixel', () => {
    const split = knownImage();
    const out = new Float32Array(3072);
    fillBatch(split, [0], out, { augment: true, rng: scriptedRng([1, 7], [0.2]), mean, std });
    // Reference: pad to 40x40 with raw 0, crop rows 1..32 and columns 7..38, then mirror.
    const padded = (c: number, py: number, px: number) => {
      const y = py - 4, x = px - 4;
      return y < 0 || y > 31 || x < 0 || x > 31 ? 0 : split.images[c * 1024 + y * 32 + x];
    };
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        for (let c = 0; c < 3; c++) {
          const raw = padded(c, y + 1, 7 + (31 - x));
          expect(out[(y * 32 + x) * 3 + c]).toBe(f32((raw / 255 - mean[c]) / std[c]));
        }
      }
    }
    // Hand check: output (0, 0) is padded (row 1 < 4); output (5, 31) reads padded (6, 7) = image (2, 3): R = 16.
    expect(out[0]).toBe(f32(-0.5 / 0.25));
    expect(out[(5 * 32 + 31) * 3]).toBe(f32((16 / 255 - 0.5) / 0.25));
    // output (5, 0) reads padded (6, 38) = image (2, 34): outside, padded.
    expect(out[(5 * 32) * 3 + 2]).toBe(f32(-0.3 / 0.1));
  });

  it('fills padded pixels with (0 - mean) / std and no flip when uniform >= 0.5', () => {
    const split = knownImage();
    const out = new Float32Array(3072);
    fillBatch(split, [0], out, { augment: true, rng: scriptedRng([0, 8], [0.5]), mean, std });
    // top 0: rows 0..3 are padding; left 8: output x reads image x + 4, so x >= 28 is padding.
    for (const [y, x] of [[0, 0], [3, 17], [10, 28], [31, 31]]) {
      for (let c = 0; c < 3; c++) expect(out[(y * 32 + x) * 3 + c]).toBe(f32((0 - mean[c]) / std[c]));
    }
    // output (4, 0) = image (0, 4): R = 1, G = 100, B = 251
    expect([out[(4 * 32) * 3], out[(4 * 32) * 3 + 1], out[(4 * 32) * 3 + 2]]).toEqual(
      [f32((1 / 255 - 0.5) / 0.25), f32((100 / 255 - 0.4) / 0.2), f32((251 / 255 - 0.3) / 0.1)],
    );
  });

  it('writes each image at its own offset and labels alongside', () => {
    const split = parseCifarBatch('syn.bin', syntheticBatch(2, 6));
    const out = new Float32Array(3 * 3072).fill(NaN);
    fillBatch(split, [5, 0, 3], out, { augment: false, mean, std });
    // image 3's G pixel 10 lands at batch slot 2, NHWC (10 * 3 + 1)
    expect(out[2 * 3072 + 31]).toBe(f32((split.images[3 * 3072 + 1024 + 10] / 255 - 0.4) / 0.2));
    expect(out.every((v) => Number.isFinite(v))).toBe(true);
    const labels = new Int32Array(3);
    labelsFor(split, [5, 0, 3], labels);
    expect([...labels]).toEqual([7, 2, 5]);
  });

  it('validates its inputs', () => {
    const split = knownImage();
    expect(() => fillBatch(split, [0, 0], new Float32Array(3072), { augment: false, mean, std })).toThrow('fillBatch: out holds 3072 floats, needs 6144 for 2 images');
    expect(() => fillBatch(split, [1], new Float32Array(3072), { augment: false, mean, std })).toThrow('fillBatch: index 1 outside 0..0');
    expect(() => fillBatch(split, [0], new Float32Array(3072), { augment: true, mean, std })).toThrow('fillBatch: augment needs opts.rng');
    expect(() => fillBatch(split, [0], new Float32Array(3072), { augment: false, mean, std: [1, 0, 1] })).toThrow('fillBatch: std[1] must be > 0, got 0');
  });

  it('draws crop and flip from the seeded rng reproducibly', () => {
    const split = parseCifarBatch('syn.bin', syntheticBatch(1, 8));
    const a = new Float32Array(8 * 3072), b = new Float32Array(8 * 3072);
    const idx = [0, 1, 2, 3, 4, 5, 6, 7];
    fillBatch(split, idx, a, { augment: true, rng: createRng(4, 'augment'), mean, std });
    fillBatch(split, idx, b, { augment: true, rng: createRng(4, 'augment'), mean, std });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    fillBatch(split, idx, b, { augment: true, rng: createRng(5, 'augment'), mean, std });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });
});

describe('epochOrder', () => {
  it('is a seeded permutation that changes every epoch', () => {
    const e0 = epochOrder(1000, 42, 0);
    expect([...e0].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...epochOrder(1000, 42, 0)]).toEqual([...e0]);
    const e1 = epochOrder(1000, 42, 1);
    const other = epochOrder(1000, 43, 0);
    expect(e1.filter((v, i) => v === e0[i]).length).toBeLessThan(10); // ~1 fixed point expected
    expect(other.filter((v, i) => v === e0[i]).length).toBeLessThan(10);
  });
});
