/**
 * "Disabled features": the fraction of BN channels with |γ| < τ over time (τ selectable),
 * for the current and overlaid runs, and per layer as a heatmap of layers × time.
 */
import { useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ThresholdKey } from '../../../core/train/bnMetrics.ts';
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { usePalette } from '../../hooks/usePalette.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { SeriesLegend } from './SeriesLegend.tsx';
import { Frozen, runsKey } from './Frozen.tsx';
import { LayerHeatmap } from './LayerHeatmap.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

const TAUS: ThresholdKey[] = ['0.01', '0.05', '0.1'];

export function GammaZeroChart() {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const [tau, setTau] = useState<ThresholdKey>('0.05');
  const series = useMemo(() => drawn.map((d) => ({
    ...d,
    rows: decimateRows(d.run.bn.map((b) => ({ step: b.step, frac: b.overall[tau] })), MAX_DRAWN, (r) => r.step, (r) => r.frac),
  })), [drawn, tau]);
  const points = series.reduce((a, s) => a + s.rows.length, 0);
  const controls = (
    <label className="small row" style={{ gap: '0.3rem', fontWeight: 400 }}>
      τ
      <select value={tau} onChange={(e) => setTau(e.target.value as ThresholdKey)} data-testid="chart.gammaZero.tau" aria-label="Threshold τ for |γ| < τ">
        {TAUS.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
    </label>
  );
  return (
    <ChartFrame title="Channels with |γ| < τ" testId="chart.gammaZero" points={points} controls={controls}
      legend={<SeriesLegend items={series.map((s) => ({ label: s.label, color: s.color, dash: s.current ? undefined : '6 3' }))} />}
      empty="BN γ statistics appear after the first read-back."
      description="The paper: BN-only training disables about a third of the random features by driving γ to zero.">
      <Frozen version={`${runsKey(drawn)}#${drawn.map((d) => d.run.bn.length)}#${tau}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} stroke={palette.muted} tick={<PlainTick format={fmt.step} />} interval={0} />
          <YAxis stroke={palette.muted} interval={0} domain={[0, 'auto']} tick={<PlainTick format={fmt.pct} />} />
          <Tooltip formatter={(v) => fmt.pct(Number(v))} labelFormatter={(l) => `step ${l}`} contentStyle={{ background: palette.panel }} />
          {series.map((s) => (
            <Line key={s.run.id} data={s.rows} dataKey="frac" name={s.label} stroke={s.color} dot={false} isAnimationActive={false} strokeWidth={2.5}
              strokeDasharray={s.current ? undefined : '6 3'} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}

export function GammaLayerChart() {
  const run = useThrottledLab(selectRun);
  const [tau, setTau] = useState<ThresholdKey>('0.05');
  const n = run?.bn.length ?? 0;
  const controls = (
    <label className="small row" style={{ gap: '0.3rem', fontWeight: 400 }}>
      τ
      <select value={tau} onChange={(e) => setTau(e.target.value as ThresholdKey)} aria-label="Threshold τ for the per-layer view">
        {TAUS.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
    </label>
  );
  return (
    <ChartFrame title="|γ| < τ per layer over time" testId="chart.gammaLayers" points={n} controls={controls} empty="Per-layer view appears with the first BN statistics."
      description="Rows: BN layers from the stem (top) to the last block; columns: time. Brighter = more channels near zero.">
      {run ? <Frozen version={`${run.id}#${run.bn.length}#${tau}`}><LayerHeatmap run={run} tau={tau} /></Frozen> : null}
    </ChartFrame>
  );
}
