import { describe, expect, it } from 'vitest';
import { alignSeries, integerIncrements, withAlpha } from './alignSeries.ts';

describe('alignSeries', () => {
  it('merges two runs sampled at different steps onto the union of steps', () => {
    const a = alignSeries([
      { x: [0, 10, 20], y: [2.3, 1.9, 1.5] },
      { x: [5, 10], y: [2.0, 1.8] },
    ]);
    expect(a.xs).toEqual([0, 5, 10, 20]);
    expect(a.ys).toEqual([
      [2.3, null, 1.9, 1.5],
      [null, 2.0, 1.8, null],
    ]);
  });
  it('turns non-finite values into gaps and drops non-finite x', () => {
    const a = alignSeries([{ x: [1, 2, Number.NaN, 3], y: [0.5, Number.POSITIVE_INFINITY, 9, Number.NaN] }]);
    expect(a.xs).toEqual([1, 2, 3]);
    expect(a.ys).toEqual([[0.5, null, null]]);
  });
  it('gives empty arrays for no points', () => {
    expect(alignSeries([{ x: [], y: [] }])).toEqual({ xs: [], ys: [[]] });
  });
});

describe('integerIncrements / withAlpha', () => {
  it('lists 1-2-5 steps', () => {
    expect(integerIncrements(100)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500]);
  });
  it('converts hex to rgba and leaves other colours alone', () => {
    expect(withAlpha('#0072B2', 0.45)).toBe('rgba(0, 114, 178, 0.45)');
    expect(withAlpha('red', 0.5)).toBe('red');
  });
});
