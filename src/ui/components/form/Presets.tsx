/** Preset buttons with each one's estimated duration at the measured speed. */
import { modelMacs } from '../../../core/model/spec.ts';
import { useLab } from '../../app/labStore.ts';
import { estimateCost } from '../../lib/costEstimate.ts';
import { formatDuration } from '../../lib/format.ts';
import { PRESETS, presetMatches } from '../../lib/presets.ts';
import { isActive } from '../../store/runSlice.ts';

export function Presets() {
  const config = useLab((s) => s.config);
  const apply = useLab((s) => s.applyPreset);
  const throughput = useLab((s) => s.throughput);
  const locked = useLab((s) => isActive(s.run));
  return (
    <div className="field" role="group" aria-labelledby="presets-label">
      <span className="label" id="presets-label">Presets</span>
      <div className="row">
        {PRESETS.map((p) => {
          const cfg = { ...config, ...p.values };
          let est: ReturnType<typeof estimateCost> = null;
          try {
            est = estimateCost(cfg, modelMacs(cfg.depth, cfg.width), throughput);
          } catch {
            // the user's depth/width do not form a network: no estimate
          }
          const on = presetMatches(p, config);
          return (
            <button key={p.id} type="button" disabled={locked} aria-pressed={on} data-testid={`preset.${p.id}`} title={p.note}
              onClick={() => apply(p.values)}>
              {p.label}{est ? <span className="muted small"> · ≈{formatDuration(est.totalSeconds)}</span> : null}
            </button>
          );
        })}
      </div>
    </div>
  );
}
