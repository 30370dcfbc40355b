/**
 * Train accuracy (smoothed, per read-back) and test accuracy (per evaluation) of the current
 * run, and test accuracy of overlaid runs. Dashes tell train from test without colour.
 */
import { useMemo } from 'react';
import { decimateRows } from '../../lib/decimate.ts';
import { debiasedEma } from '../../lib/smoothing.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { legendOf, SeriesLegend } from './SeriesLegend.tsx';
import { fmt, lastValue, useDrawnRuns } from './overlays.ts';

export function AccuracyChart() {
  const drawn = useDrawnRuns();
  const series = useMemo(() => drawn.map((d) => {
    const smooth = debiasedEma(d.run.steps.map((p) => p.accuracy), 0.9);
    const train = decimateRows(d.run.steps.map((p, i) => ({ step: p.step, train: smooth[i] })), MAX_DRAWN, (r) => r.step, (r) => r.train);
    const test = decimateRows(d.run.evals.map((e) => ({ step: e.step, test: e.testAccuracy })), MAX_DRAWN, (r) => r.step, (r) => r.test);
    return { ...d, train, test };
  }), [drawn]);
  const lines = useMemo(() => series.flatMap((s): PlotLine[] => [
    ...(s.current ? [{ label: `${s.label} train`, color: s.color, x: s.train.map((r) => r.step), y: s.train.map((r) => r.train), dash: [2, 3] }] : []),
    { label: `${s.label} test`, color: s.color, x: s.test.map((r) => r.step), y: s.test.map((r) => r.test), width: 2.5, points: true },
  ]), [series]);
  const points = lines.reduce((a, l) => a + l.x.length, 0);
  return (
    <ChartFrame title="Accuracy" testId="chart.accuracy" points={points} empty="Train and test accuracy appear here."
      legend={<SeriesLegend items={legendOf(lines)} />}
      description="Dotted: training batches (augmented, smoothed). Solid with dots: the test subset.">
      <Plot lines={lines} xFormat={fmt.step} yFormat={fmt.pct} yRange={[0, 1]} integerX xName="step"
        summary={`Accuracy over steps. ${lastValue(lines, fmt.pct)}`} />
    </ChartFrame>
  );
}
