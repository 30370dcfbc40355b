/**
 * Training loss: raw points and a debiased moving average (β adjustable), for the current
 * run and any overlaid ones (smoothed only, to keep the picture readable). Smoothing runs on
 * the full series; only the drawing is decimated.
 */
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePalette } from '../../hooks/usePalette.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { debiasedEma } from '../../lib/smoothing.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { SeriesLegend } from './SeriesLegend.tsx';
import { Frozen, runsKey } from './Frozen.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

/** Points drawn per series; the store and exports keep all of them. */
export const MAX_DRAWN = 300;

export function LossChart() {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const [beta, setBeta] = useState(0.9);
  const series = useMemo(() => drawn.map((d) => {
    const smooth = debiasedEma(d.run.steps.map((p) => p.loss), beta);
    const rows = d.run.steps.map((p, i) => ({ step: p.step, loss: p.loss, smooth: smooth[i] }));
    return { ...d, rows: decimateRows(rows, MAX_DRAWN, (r) => r.step, (r) => r.loss) };
  }), [drawn, beta]);
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
      legend={<SeriesLegend items={series.flatMap((s) => [
        ...(s.current ? [{ label: `${s.label} (raw)`, color: s.color, opacity: 0.35 }] : []),
        { label: s.label, color: s.color, dash: s.current ? undefined : '6 3' },
      ])} />}
      description="Cross-entropy per step; the thick line is a debiased moving average.">
      <Frozen version={`${runsKey(drawn)}#${drawn.map((d) => d.run.steps.length)}#${beta}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} stroke={palette.muted} tick={<PlainTick format={fmt.step} />} interval={0} />
          <YAxis stroke={palette.muted} interval={0} tick={<PlainTick format={fmt.num} />} domain={['auto', 'auto']} />
          <Tooltip formatter={(v) => fmt.num(Number(v))} labelFormatter={(l) => `step ${l}`} contentStyle={{ background: palette.panel }} />
          {series.map((s) => (s.current ? (
            <Line key={`${s.run.id}-raw`} data={s.rows} dataKey="loss" name={`${s.label} (raw)`} stroke={s.color} strokeOpacity={0.35} dot={false} isAnimationActive={false} strokeWidth={1} />
          ) : null))}
          {series.map((s) => (
            <Line key={s.run.id} data={s.rows} dataKey="smooth" name={s.label} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={2.5}
              strokeDasharray={s.current ? undefined : '6 3'} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}
