/**
 * Training loss: raw points and a debiased moving average (β adjustable), for the current
 * run and any overlaid ones (smoothed only, to keep the picture readable). Smoothing runs on
 * the full series; only the drawing is decimated.
 */
import { useMemo, useState } from 'react';
import { decimateRows } from '../../lib/decimate.ts';
import { debiasedEma } from '../../lib/smoothing.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { legendOf, SeriesLegend } from './SeriesLegend.tsx';
import { fmt, lastValue, useDrawnRuns } from './overlays.ts';

/** Points drawn per series; the store and exports keep all of them. */
export const MAX_DRAWN = 300;

export function LossChart() {
  const drawn = useDrawnRuns();
  const [beta, setBeta] = useState(0.9);
  const series = useMemo(() => drawn.map((d) => {
    const smooth = debiasedEma(d.run.steps.map((p) => p.loss), beta);
    const rows = d.run.steps.map((p, i) => ({ step: p.step, loss: p.loss, smooth: smooth[i] }));
    return { ...d, rows: decimateRows(rows, MAX_DRAWN, (r) => r.step, (r) => r.loss) };
  }), [drawn, beta]);
  const lines = useMemo(() => series.flatMap((s): PlotLine[] => {
    const x = s.rows.map((r) => r.step);
    const smooth: PlotLine = { label: s.label, color: s.color, x, y: s.rows.map((r) => r.smooth), width: 2.5, dash: s.current ? undefined : [6, 3] };
    return s.current ? [{ label: `${s.label} (raw)`, color: s.color, x, y: s.rows.map((r) => r.loss), width: 1, alpha: 0.35 }, smooth] : [smooth];
  }), [series]);
  const points = series.reduce((a, s) => a + s.rows.length, 0);
  const controls = (
    <label className="small row" style={{ gap: '0.3rem', fontWeight: 400 }}>
      smoothing
      <input type="range" min={0} max={0.99} step={0.01} value={beta} onChange={(e) => setBeta(Number(e.target.value))}
        aria-valuetext={`β = ${beta}`} data-testid="chart.loss.smoothing" style={{ width: '6rem' }} />
      <span className="mono">{beta.toFixed(2)}</span>
    </label>
  );
  return (
    <ChartFrame title="Training loss" testId="chart.loss" points={points} controls={controls} empty="Start a run to see its loss."
      legend={<SeriesLegend items={legendOf(lines)} />}
      description="Cross-entropy per step; the thick line is a debiased moving average.">
      <Plot lines={lines} xFormat={fmt.step} yFormat={fmt.num} integerX xName="step"
        summary={`Training loss over steps. ${lastValue(lines, fmt.num)}`} />
    </ChartFrame>
  );
}
