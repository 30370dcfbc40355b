import { describe, expect, it } from 'vitest';
import { classCounts } from './cifarRecords.ts';
import { perClassQuota, selectBalancedSubset } from './subset.ts';

/** 775 labels with unequal classes: class c has 55 + 5c images (c = 0..9), interleaved. */
function unevenLabels(): Uint8Array {
  const out: number[] = [];
  for (let c = 0; c < 10; c++) for (let i = 0; i < 55 + 5 * c; i++) out.push(c);
  // deterministic interleave so classes are not contiguous
  return Uint8Array.from(out.map((c, i) => [c, (i * 7919) % out.length] as const).sort((a, b) => a[1] - b[1]).map((p) => p[0]));
}

describe('selectBalancedSubset', () => {
  const labels = unevenLabels();

  it('takes the same number of images from every class, without repeats, ascending', () => {
    const idx = selectBalancedSubset(labels, 500, 1);
    expect(idx.length).toBe(500);
    expect(new Set(idx).size).toBe(500);
    expect([...idx].every((v, i) => i === 0 || v > idx[i - 1])).toBe(true);
    expect(classCounts(Uint8Array.from(idx, (i) => labels[i]))).toEqual([50, 50, 50, 50, 50, 50, 50, 50, 50, 50]);
  });

  it('is a function of the seed', () => {
    const a = selectBalancedSubset(labels, 100, 7);
    expect([...selectBalancedSubset(labels, 100, 7)]).toEqual([...a]);
    const b = selectBalancedSubset(labels, 100, 8);
    const overlap = [...b].filter((i) => a.includes(i)).length;
    expect(overlap).toBeLessThan(60); // expected overlap ~100 * 10/~77 = 13 for independent draws
  });

  it('nests: for one seed the 100-subset lies inside the 300-subset', () => {
    const small = selectBalancedSubset(labels, 100, 3);
    const large = new Set(selectBalancedSubset(labels, 300, 3));
    expect([...small].every((i) => large.has(i))).toBe(true);
  });

  it('spreads a remainder as one extra image to seed-chosen classes', () => {
    const q = perClassQuota(503, 5);
    expect(q.reduce((a, b) => a + b, 0)).toBe(503);
    expect(q.filter((v) => v === 51).length).toBe(3);
    expect(q.filter((v) => v === 50).length).toBe(7);
    const idx = selectBalancedSubset(labels, 503, 5);
    expect(classCounts(Uint8Array.from(idx, (i) => labels[i]))).toEqual(q);
  });

  it('returns every index when size is the whole split', () => {
    expect([...selectBalancedSubset(labels, 775, 9)]).toEqual(Array.from({ length: 775 }, (_, i) => i));
  });

  it('rejects impossible sizes with the numbers involved', () => {
    expect(() => selectBalancedSubset(labels, 0, 1)).toThrow('subset size must be an integer in 1..775, got 0');
    expect(() => selectBalancedSubset(labels, 12.5, 1)).toThrow('got 12.5');
    expect(() => selectBalancedSubset(labels, 600, 1)).toThrow('subset size 600 needs 60 images of class 0 but the split has only 55');
  });
});
