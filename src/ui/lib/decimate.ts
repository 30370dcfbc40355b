/**
 * Decimation for drawing: charts draw at most a few hundred points while the store and the
 * exports keep the full series. Largest-Triangle-Three-Buckets (Steinarsson 2013) keeps the
 * first and last points and, per bucket, the point that forms the largest triangle with its
 * neighbours — so spikes survive, unlike taking every n-th point. Pure.
 */

/**
 * Indices of the points to draw, ascending. `x` must be non-decreasing; non-finite `y` values
 * count as 0 for the choice. Returns every index when there are at most `max` points.
 */
export function lttbIndices(x: readonly number[], y: readonly number[], max: number): number[] {
  const n = x.length;
  if (max >= n || n <= 2) return Array.from({ length: n }, (_, i) => i);
  if (max < 3) return [0, n - 1];
  const yy = (i: number) => (Number.isFinite(y[i]) ? y[i] : 0);
  const out = [0];
  const bucket = (n - 2) / (max - 2);
  let a = 0;
  for (let b = 0; b < max - 2; b++) {
    const start = Math.floor(b * bucket) + 1;
    const end = Math.floor((b + 1) * bucket) + 1;
    // Average of the next bucket (or the last point) as the third corner.
    const nStart = end;
    const nEnd = Math.min(Math.floor((b + 2) * bucket) + 1, n);
    let ax = 0;
    let ay = 0;
    for (let i = nStart; i < nEnd; i++) {
      ax += x[i];
      ay += yy(i);
    }
    const cnt = nEnd - nStart;
    if (cnt > 0) {
      ax /= cnt;
      ay /= cnt;
    } else {
      ax = x[n - 1];
      ay = yy(n - 1);
    }
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((x[a] - ax) * (yy(i) - yy(a)) - (x[a] - x[i]) * (ay - yy(a)));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(n - 1);
  return out;
}

/** The rows to draw, chosen by LTTB on `key` over `xKey`. */
export function decimateRows<T>(rows: readonly T[], max: number, xOf: (r: T) => number, yOf: (r: T) => number): T[] {
  if (rows.length <= max) return rows.slice();
  const idx = lttbIndices(rows.map(xOf), rows.map(yOf), max);
  return idx.map((i) => rows[i]);
}
