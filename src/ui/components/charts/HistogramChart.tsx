/**
 * Distribution of γ (now against its initial distribution) or β across every BN channel, drawn
 * as filled steps, for the current run and — for comparison, e.g. BN-only against
 * all-trained — the first overlaid run.
 */
import { useMemo } from 'react';
import { usePalette } from '../../hooks/usePalette.ts';
import type { Histogram, RunRecord } from '../../store/runTypes.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { Plot, type PlotLine } from './Plot.tsx';
import { legendOf, SeriesLegend } from './SeriesLegend.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

function toFractions(h: Histogram): number[] {
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  return h.counts.map((c) => c / total);
}

/** A histogram as steps: each bin's share held from its left edge, closed at the last edge. */
function steps(h: Histogram): { x: number[]; y: number[] } {
  const f = toFractions(h);
  return { x: [...h.edges], y: [...f, f[f.length - 1] ?? 0] };
}

const histogramOf = (r: RunRecord, which: 'gamma' | 'beta') => (which === 'gamma' ? r.gammaHistogram : r.betaHistogram);

export function HistogramChart({ which }: { which: 'gamma' | 'beta' }) {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const cur = drawn.find((d) => d.current) ?? drawn[0];
  const other = drawn.find((d) => d !== cur && histogramOf(d.run, which));
  const lines = useMemo((): PlotLine[] => {
    const h = cur ? histogramOf(cur.run, which) : null;
    if (!h) return [];
    const out: PlotLine[] = [{ label: `${cur!.label}${which === 'gamma' ? ' now' : ''}`, color: cur!.color, ...steps(h), stepped: true, fill: 0.45 }];
    const init = which === 'gamma' ? cur!.run.initialGammaHistogram : null;
    if (init) out.push({ label: 'at start', color: palette.muted, ...steps(init), stepped: true, fill: 0.15, width: 1.5, dash: [4, 3] });
    const o = other ? histogramOf(other.run, which) : null;
    if (o) out.push({ label: other!.label, color: other!.color, ...steps(o), stepped: true, fill: 0.15, width: 1.5 });
    return out;
  }, [cur, other, which, palette]);
  const bins = cur ? (histogramOf(cur.run, which)?.counts.length ?? 0) : 0;
  const name = which === 'gamma' ? 'γ' : 'β';
  return (
    <ChartFrame title={`${name} distribution`} testId={which === 'gamma' ? 'chart.gammaHistogram' : 'chart.betaHistogram'} points={bins}
      empty={`The ${name} histogram appears after the first read-back.`}
      legend={<SeriesLegend items={legendOf(lines)} />}
      description="Share of all BN channels per bin.">
      <Plot lines={lines} xFormat={(v) => v.toFixed(1)} yFormat={fmt.pct} yRange={[0, null]} xName={name}
        summary={`Histogram of ${name} over all BN channels, ${bins} bins.`} />
    </ChartFrame>
  );
}
