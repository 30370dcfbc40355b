/**
 * Debiased exponential moving average (as TensorBoard's smoothing): the plain EMA starts at 0
 * and is biased low for the first ~1/(1-β) points; dividing by 1-β^t removes that bias, so
 * the first smoothed value equals the first raw value. Non-finite inputs are skipped (the
 * output keeps the previous value, or NaN before any value). Pure.
 */

/** Smoothed copy of `values`; `beta` in [0, 1): 0 = no smoothing, 0.9 ≈ a 10-point window. */
export function debiasedEma(values: readonly number[], beta: number): number[] {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`smoothing β must be in [0, 1), got ${beta}`);
  const out = new Array<number>(values.length);
  let ema = 0;
  let weight = 0; // 1 - β^t, accumulated so it stays exact for large t
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      ema = beta * ema + (1 - beta) * v;
      weight = beta * weight + (1 - beta);
    }
    out[i] = weight > 0 ? ema / weight : NaN;
  }
  return out;
}
