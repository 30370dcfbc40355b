/**
 * Train accuracy (smoothed, per read-back) and test accuracy (per evaluation) of the current
 * run, and test accuracy of overlaid runs. Dashes tell train from test without colour.
 */
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { usePalette } from '../../hooks/usePalette.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { debiasedEma } from '../../lib/smoothing.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { SeriesLegend } from './SeriesLegend.tsx';
import { Frozen, runsKey } from './Frozen.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

export function AccuracyChart() {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const series = useMemo(() => drawn.map((d) => {
    const smooth = debiasedEma(d.run.steps.map((p) => p.accuracy), 0.9);
    const train = decimateRows(d.run.steps.map((p, i) => ({ step: p.step, train: smooth[i] })), MAX_DRAWN, (r) => r.step, (r) => r.train);
    const test = decimateRows(d.run.evals.map((e) => ({ step: e.step, test: e.testAccuracy })), MAX_DRAWN, (r) => r.step, (r) => r.test);
    return { ...d, train, test };
  }), [drawn]);
  const points = series.reduce((a, s) => a + (s.current ? s.train.length : 0) + s.test.length, 0);
  return (
    <ChartFrame title="Accuracy" testId="chart.accuracy" points={points} empty="Train and test accuracy appear here."
      legend={<SeriesLegend items={series.flatMap((s) => [
        ...(s.current ? [{ label: `${s.label} train`, color: s.color, dash: '2 3' }] : []),
        { label: `${s.label} test`, color: s.color },
      ])} />}
      description="Dotted: training batches (augmented, smoothed). Solid with dots: the test subset.">
      <Frozen version={`${runsKey(drawn)}#${drawn.map((d) => `${d.run.steps.length}/${d.run.evals.length}`)}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} stroke={palette.muted} tick={<PlainTick format={fmt.step} />} interval={0} />
          <YAxis stroke={palette.muted} interval={0} domain={[0, 1]} tick={<PlainTick format={fmt.pct} />} />
          <Tooltip formatter={(v) => fmt.pct(Number(v))} labelFormatter={(l) => `step ${l}`} contentStyle={{ background: palette.panel }} />
          {series.map((s) => (s.current ? (
            <Line key={`${s.run.id}-train`} data={s.train} dataKey="train" name={`${s.label} train`} stroke={s.color} strokeDasharray="2 3" dot={false} isAnimationActive={false} strokeWidth={2} />
          ) : null))}
          {series.map((s) => (
            <Line key={`${s.run.id}-test`} data={s.test} dataKey="test" name={`${s.label} test`} stroke={s.color} dot={{ r: 3 }} isAnimationActive={false} strokeWidth={2.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}
