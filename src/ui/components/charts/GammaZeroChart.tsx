/**
 * "Disabled features": the fraction of BN channels with |γ| < τ over time (τ selectable),
 * for the current and overlaid runs, and per layer as a heatmap of layers × time.
 */
import { useMemo, useState } from 'react';
import type { ThresholdKey } from '../../../core/train/bnMetrics.ts';
import { selectRun, useThrottledLab } from '../../hooks/useThrottledLab.ts';
import { decimateRows } from '../../lib/decimate.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { legendOf, SeriesLegend } from './SeriesLegend.tsx';
import { Frozen } from './Frozen.tsx';
import { LayerHeatmap } from './LayerHeatmap.tsx';
import { MAX_DRAWN } from './LossChart.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { fmt, lastValue, useDrawnRuns } from './overlays.ts';

const TAUS: ThresholdKey[] = ['0.01', '0.05', '0.1'];

export function GammaZeroChart() {
  const drawn = useDrawnRuns();
  const [tau, setTau] = useState<ThresholdKey>('0.05');
  const lines = useMemo(() => drawn.map((d): PlotLine => {
    const rows = decimateRows(d.run.bn.map((b) => ({ step: b.step, frac: b.overall[tau] })), MAX_DRAWN, (r) => r.step, (r) => r.frac);
    return { label: d.label, color: d.color, x: rows.map((r) => r.step), y: rows.map((r) => r.frac), width: 2.5, dash: d.current ? undefined : [6, 3] };
  }), [drawn, tau]);
  const points = lines.reduce((a, l) => a + l.x.length, 0);
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
      legend={<SeriesLegend items={legendOf(lines)} />}
      empty="BN γ statistics appear after the first read-back."
      description="The paper: BN-only training disables about a third of the random features by driving γ to zero.">
      <Plot lines={lines} xFormat={fmt.step} yFormat={fmt.pct} yRange={[0, null]} integerX xName="step"
        summary={`Fraction of BN channels with |γ| < ${tau} over steps. ${lastValue(lines, fmt.pct)}`} />
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
