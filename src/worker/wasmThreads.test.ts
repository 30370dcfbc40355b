import { describe, expect, it } from 'vitest';
import { reportedConcurrencyFor, wasmThreadCount } from './wasmThreads.ts';

describe('wasmThreadCount', () => {
  it('uses every core of a small machine and tfjs\'s half of a large one, at most 8', () => {
    const got = [1, 2, 3, 4, 6, 8, 12, 16, 32].map(wasmThreadCount);
    expect(got).toEqual([1, 2, 3, 4, 4, 4, 6, 8, 8]);
  });
  it('treats a missing or odd core count as one core', () => {
    expect([0, -2, Number.NaN, 2.7].map(wasmThreadCount)).toEqual([1, 1, 1, 2]);
  });
  it('reports enough concurrency for tfjs\'s floor(n / 2) cap to allow the count', () => {
    for (const t of [1, 2, 3, 4, 8]) expect(Math.floor(reportedConcurrencyFor(t) / 2)).toBe(t);
  });
});
