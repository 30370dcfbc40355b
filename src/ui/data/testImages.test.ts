import { describe, expect, it } from 'vitest';
import { selectBalancedSubset } from '../../core/data/subset.ts';
import { imageAt, pickSamples, readRecords } from './testImages.ts';

/** n records; record i has label i % 10 and every pixel byte equal to i % 251. */
function batch(n: number): Uint8Array {
  const b = new Uint8Array(n * 3073);
  for (let i = 0; i < n; i++) {
    b[i * 3073] = i % 10;
    b.fill(i % 251, i * 3073 + 1, (i + 1) * 3073);
  }
  return b;
}

describe('test records for the sample images', () => {
  it('reads labels and images in place, refusing bad batches', () => {
    const r = readRecords(batch(30))!;
    expect(r.count).toBe(30);
    expect(Array.from(r.labels.slice(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    const img = imageAt(r, 7);
    expect(img.length).toBe(3072);
    expect(img.every((v) => v === 7)).toBe(true);
    expect(img.buffer).toBe(r.bytes.buffer); // a view, not a copy
    expect(readRecords(new Uint8Array(3000))).toBeNull();
    const bad = batch(2);
    bad[3073] = 10;
    expect(readRecords(bad)).toBeNull();
  });

  it('pairs each prediction with the image of the same subset position', () => {
    const r = readRecords(batch(100))!;
    const subset = selectBalancedSubset(r.labels, 20, 4);
    const predictions = Uint8Array.from(subset, (i) => (r.labels[i] + 1) % 10);
    const s = pickSamples(r, predictions, 20, 4, 5);
    expect(s.map((x) => x.index)).toEqual([0, 4, 8, 12, 16].map((p) => subset[p]));
    for (const x of s) {
      expect(x.label).toBe(x.index % 10);
      expect(x.predicted).toBe((x.label + 1) % 10);
      expect(x.image[0]).toBe(x.index % 251);
    }
    expect(pickSamples(r, predictions, 21, 4, 5)).toEqual([]);
  });
});
