import { describe, expect, it } from 'vitest';
import { createRng, permutation } from './rng.ts';

describe('seeded RNG', () => {
  it('is a pure function of seed and stream', () => {
    const a = createRng(42, 'init:x');
    const b = createRng(42, 'init:x');
    const c = createRng(42, 'init:y');
    const xs = Array.from({ length: 5 }, () => a.nextU32());
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs);
  });

  it('has the moments of its distributions', () => {
    const r = createRng(1);
    let s = 0, s2 = 0, u = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
      u += r.uniform();
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(s2 / n).toBeCloseTo(1, 1);
    expect(u / n).toBeCloseTo(0.5, 2);
  });

  it('permutation holds each index once', () => {
    const p = permutation(1000, createRng(3));
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p.subarray(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
