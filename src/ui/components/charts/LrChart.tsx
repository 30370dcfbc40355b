/** Learning rate per step: the schedule the run actually used. */
import { useMemo } from 'react';
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { usePalette } from '../../hooks/usePalette.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { fmt, lastValue } from './overlays.ts';

export function LrChart() {
  const run = useThrottledLab(selectRun); // a new record on every append; its steps array grows in place
  const palette = usePalette();
  const lines = useMemo((): PlotLine[] => {
    const rows = decimateRows((run?.steps ?? []).map((p) => ({ step: p.step, lr: p.lr })), MAX_DRAWN, (r) => r.step, (r) => r.lr);
    return [{ label: 'learning rate', color: palette.series[2], x: rows.map((r) => r.step), y: rows.map((r) => r.lr), stepped: true }];
  }, [run, palette]);
  return (
    <ChartFrame title="Learning rate" testId="chart.lr" points={lines[0].x.length} empty="The schedule appears as the run goes.">
      <Plot lines={lines} xFormat={fmt.step} yFormat={fmt.num} yRange={[0, null]} integerX xName="step"
        summary={`Learning rate over steps. ${lastValue(lines, fmt.num)}`} />
    </ChartFrame>
  );
}
