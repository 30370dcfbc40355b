/**
 * Activation-based view of disabled features: the fraction of ReLU channels (after the stem
 * BN and each block's bn1) that output zero for every image of a test batch, over time.
 */
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { usePalette } from '../../hooks/usePalette.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { SeriesLegend } from './SeriesLegend.tsx';
import { Frozen, runsKey } from './Frozen.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

export function DeadReluChart() {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const series = useMemo(() => drawn.map((d) => ({ ...d, rows: d.run.evals.map((e) => ({ step: e.step, dead: e.deadRelu })) })), [drawn]);
  const points = series.reduce((a, s) => a + s.rows.length, 0);
  return (
    <ChartFrame title="Dead ReLU channels" testId="chart.deadRelu" points={points} empty="Measured at each evaluation."
      legend={<SeriesLegend items={series.map((s) => ({ label: s.label, color: s.color, dash: s.current ? undefined : '6 3' }))} />}
      description="Channels after a ReLU that are zero for every image of a test batch. bn2 and shortcut BNs hit the sum first, so they are not counted.">
      <Frozen version={`${runsKey(drawn)}#${drawn.map((d) => d.run.evals.length)}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} stroke={palette.muted} tick={<PlainTick format={fmt.step} />} interval={0} />
          <YAxis stroke={palette.muted} interval={0} domain={[0, 'auto']} tick={<PlainTick format={fmt.pct} />} />
          {series.map((s) => (
            <Line key={s.run.id} data={s.rows} dataKey="dead" name={s.label} stroke={s.color} dot={{ r: 3 }} isAnimationActive={false} strokeWidth={2.5}
              strokeDasharray={s.current ? undefined : '6 3'} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}
