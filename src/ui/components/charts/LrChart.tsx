/** Learning rate per step: the schedule the run actually used. */
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { usePalette } from '../../hooks/usePalette.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { Frozen } from './Frozen.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { fmt } from './overlays.ts';

export function LrChart() {
  const run = useThrottledLab(selectRun); // a new record on every append; its steps array grows in place
  const palette = usePalette();
  const rows = useMemo(() => decimateRows((run?.steps ?? []).map((p) => ({ step: p.step, lr: p.lr })), MAX_DRAWN, (r) => r.step, (r) => r.lr), [run]);
  return (
    <ChartFrame title="Learning rate" testId="chart.lr" points={rows.length} empty="The schedule appears as the run goes.">
      <Frozen version={`${run?.id}#${run?.steps.length}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} stroke={palette.muted} tick={<PlainTick format={fmt.step} />} interval={0} />
          <YAxis stroke={palette.muted} interval={0} tick={<PlainTick format={fmt.num} />} />
          <Line dataKey="lr" name="learning rate" stroke={palette.series[2]} dot={false} isAnimationActive={false} strokeWidth={2} type="stepAfter" />
        </LineChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}
