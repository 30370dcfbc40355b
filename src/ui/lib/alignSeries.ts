/**
 * uPlot draws series that share one x array. Runs overlaid on a chart are sampled at their own
 * steps, so their points are merged onto the sorted union of x values, with null where a series
 * has no point (the plot spans those gaps). Pure.
 */
export interface XYSeries {
  x: readonly number[];
  y: readonly (number | null)[];
}

export interface Aligned {
  xs: number[];
  ys: (number | null)[][];
}

export function alignSeries(series: readonly XYSeries[]): Aligned {
  const xs = [...new Set(series.flatMap((s) => s.x.filter(Number.isFinite)))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y: (number | null)[] = new Array(xs.length).fill(null);
    s.x.forEach((x, i) => {
      const v = s.y[i];
      const j = at.get(x);
      // Non-finite values (a diverged loss) are gaps, not points off the chart.
      if (j !== undefined) y[j] = v !== null && Number.isFinite(v) ? v : null;
    });
    return y;
  });
  return { xs, ys };
}

/** "1-2-5" tick increments for integer axes such as steps (no 2.5-step ticks). */
export function integerIncrements(max = 1e9): number[] {
  const out: number[] = [];
  for (let p = 1; p <= max; p *= 10) out.push(p, 2 * p, 5 * p);
  return out;
}

/** `#rrggbb` with an alpha, as rgba() (canvas fills take no CSS variables). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1], 16)}, ${parseInt(m[2], 16)}, ${parseInt(m[3], 16)}, ${alpha})`;
}
