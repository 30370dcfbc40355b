/**
 * Activation-based view of disabled features: the fraction of ReLU channels (after the stem
 * BN and each block's bn1) that output zero for every image of a test batch, over time.
 */
import { useMemo } from 'react';
import { ChartFrame } from './ChartFrame.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { legendOf, SeriesLegend } from './SeriesLegend.tsx';
import { fmt, lastValue, useDrawnRuns } from './overlays.ts';

export function DeadReluChart() {
  const drawn = useDrawnRuns();
  const lines = useMemo(() => drawn.map((d): PlotLine => ({
    label: d.label, color: d.color, x: d.run.evals.map((e) => e.step), y: d.run.evals.map((e) => e.deadRelu),
    width: 2.5, points: true, dash: d.current ? undefined : [6, 3],
  })), [drawn]);
  const points = lines.reduce((a, l) => a + l.x.length, 0);
  return (
    <ChartFrame title="Dead ReLU channels" testId="chart.deadRelu" points={points} empty="Measured at each evaluation."
      legend={<SeriesLegend items={legendOf(lines)} />}
      description="Channels after a ReLU that are zero for every image of a test batch. bn2 and shortcut BNs hit the sum first, so they are not counted.">
      <Plot lines={lines} xFormat={fmt.step} yFormat={fmt.pct} yRange={[0, null]} integerX xName="step"
        summary={`Dead ReLU channels over steps. ${lastValue(lines, fmt.pct)}`} />
    </ChartFrame>
  );
}
