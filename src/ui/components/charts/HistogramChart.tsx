/**
 * Distribution of γ (now against its initial distribution) or β across every BN channel, drawn
 * as step areas (one path per series: 60 bars per series cost recharts far more), for
 * the current run and — for comparison, e.g. BN-only against all-trained — the first overlaid
 * run.
 */
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { usePalette } from '../../hooks/usePalette.ts';
import type { Histogram } from '../../store/runTypes.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { PlainTick } from './PlainTick.tsx';
import { SeriesLegend } from './SeriesLegend.tsx';
import { Frozen, runsKey } from './Frozen.tsx';
import { fmt, useDrawnRuns } from './overlays.ts';

function toFractions(h: Histogram | null): number[] | null {
  if (!h) return null;
  const total = h.counts.reduce((a, b) => a + b, 0) || 1;
  return h.counts.map((c) => c / total);
}

export function HistogramChart({ which }: { which: 'gamma' | 'beta' }) {
  const drawn = useDrawnRuns();
  const palette = usePalette();
  const cur = drawn.find((d) => d.current) ?? drawn[0];
  const other = drawn.find((d) => d !== cur && (which === 'gamma' ? d.run.gammaHistogram : d.run.betaHistogram));
  const { rows, keys } = useMemo(() => {
    const h = cur ? (which === 'gamma' ? cur.run.gammaHistogram : cur.run.betaHistogram) : null;
    if (!h) return { rows: [], keys: [] as { key: string; name: string; color: string }[] };
    const series: { key: string; name: string; color: string; f: number[] | null }[] = [
      { key: 'now', name: `${cur!.label}${which === 'gamma' ? ' now' : ''}`, color: cur!.color, f: toFractions(h) },
    ];
    if (which === 'gamma' && cur!.run.initialGammaHistogram) {
      series.push({ key: 'init', name: 'at start', color: palette.muted, f: toFractions(cur!.run.initialGammaHistogram) });
    }
    if (other) series.push({ key: 'other', name: other.label, color: other.color, f: toFractions(which === 'gamma' ? other.run.gammaHistogram : other.run.betaHistogram) });
    const rows = h.counts.map((_, i) => {
      const row: Record<string, number> = { x: (h.edges[i] + h.edges[i + 1]) / 2 };
      for (const s of series) if (s.f && s.f.length === h.counts.length) row[s.key] = s.f[i];
      return row;
    });
    return { rows, keys: series.map(({ key, name, color }) => ({ key, name, color })) };
  }, [cur, other, which, palette]);
  const title = which === 'gamma' ? 'γ distribution' : 'β distribution';
  return (
    <ChartFrame title={title} testId={which === 'gamma' ? 'chart.gammaHistogram' : 'chart.betaHistogram'} points={rows.length}
      empty={`The ${which === 'gamma' ? 'γ' : 'β'} histogram appears after the first read-back.`}
      legend={<SeriesLegend items={keys.map((k) => ({ label: k.name, color: k.color, dash: k.key === 'init' ? '4 3' : undefined }))} />}
      description="Share of all BN channels per bin.">
      <Frozen version={`${runsKey(drawn)}#${drawn.map((d) => d.run.bn.length)}#${palette.grid}`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 10, right: 12, bottom: 0, left: -10 }}>
          <CartesianGrid stroke={palette.grid} vertical={false} />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} stroke={palette.muted} tick={<PlainTick format={(v: number) => v.toFixed(1)} />} interval={0} tickCount={7} />
          <YAxis stroke={palette.muted} interval={0} tick={<PlainTick format={fmt.pct} />} />
          {keys.map((k) => (
            <Area key={k.key} type="step" dataKey={k.key} name={k.name} stroke={k.color} fill={k.color} fillOpacity={k.key === 'now' ? 0.45 : 0.15}
              strokeWidth={k.key === 'now' ? 2 : 1.5} strokeDasharray={k.key === 'init' ? '4 3' : undefined} isAnimationActive={false} dot={false} activeDot={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      </Frozen>
    </ChartFrame>
  );
}
