/**
 * Layers × time heatmap of the fraction of channels with |γ| < τ, drawn on a canvas (deep
 * nets have hundreds of BN layers) in a viridis-like ramp. A text summary names the layer
 * with the most near-zero channels, for screen readers and for the back of the room.
 */
import { useEffect, useRef } from 'react';
import type { ThresholdKey } from '../../../core/train/bnMetrics.ts';
import { ramp } from '../../hooks/usePalette.ts';
import type { RunRecord } from '../../store/runTypes.ts';

const MAX_COLUMNS = 80;

export function LayerHeatmap({ run, tau }: { run: RunRecord; tau: ThresholdKey }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const layers = run.bnLayers.length;
  const cols = Math.min(run.bn.length, MAX_COLUMNS);
  const max = Math.max(1e-9, ...run.bn.flatMap((b) => b.perLayer.map((f) => f[tau])));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !layers || !cols) return;
    canvas.width = cols;
    canvas.height = layers;
    for (let c = 0; c < cols; c++) {
      const point = run.bn[Math.floor((c * (run.bn.length - 1)) / Math.max(1, cols - 1))];
      for (let l = 0; l < layers; l++) {
        ctx.fillStyle = ramp((point.perLayer[l]?.[tau] ?? 0) / max);
        ctx.fillRect(c, l, 1, 1);
      }
    }
  }, [run, tau, layers, cols, max]);
  const last = run.bn[run.bn.length - 1];
  let worst = -1;
  last?.perLayer.forEach((f, i) => {
    if (worst < 0 || f[tau] > last.perLayer[worst][tau]) worst = i;
  });
  const summary = last && worst >= 0
    ? `At step ${last.step}, ${run.bnLayers[worst]} has the most channels with |γ| < ${tau}: ${(last.perLayer[worst][tau] * 100).toFixed(0)}%.`
    : '';
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '0.5rem', height: '100%' }}>
      <div style={{ display: 'grid', gridTemplateRows: '1fr auto', minHeight: 0 }}>
        <canvas ref={ref} role="img" aria-label={summary || 'per-layer heatmap'} data-testid="chart.gammaLayers.canvas"
          style={{ width: '100%', height: '100%', imageRendering: 'pixelated', borderRadius: 4, minHeight: 0 }} />
        <p className="small muted" style={{ margin: '0.2rem 0 0' }}>{summary}</p>
      </div>
      <div className="small muted" style={{ display: 'grid', gridTemplateRows: 'auto 1fr auto', justifyItems: 'center', width: '2.8rem' }}>
        <span>{(max * 100).toFixed(0)}%</span>
        <div aria-hidden="true" style={{ width: 12, background: `linear-gradient(to bottom, ${ramp(1)}, ${ramp(0.5)}, ${ramp(0)})`, borderRadius: 3 }} />
        <span>0%</span>
      </div>
    </div>
  );
}
