/**
 * What the chosen run will cost here, from the measured speed scaled by multiply-adds; a
 * warning when it is long (deep nets, the full recipe). Shown before Start.
 */
import { modelMacs } from '../../../core/model/spec.ts';
import { useLab } from '../../app/labStore.ts';
import { costWarning, estimateCost, roughCostWarning, type CostEstimate } from '../../lib/costEstimate.ts';
import { formatDuration } from '../../lib/format.ts';
import { configIssues } from '../../store/configSlice.ts';
import type { LabState } from '../../store/index.ts';

/** The estimate for the config being edited, or null (no measurement, invalid config). */
export function currentEstimate(s: Pick<LabState, 'config' | 'throughput'>): CostEstimate | null {
  if (configIssues(s.config).length) return null;
  return estimateCost(s.config, modelMacs(s.config.depth, s.config.width), s.throughput);
}

/** The size-only warning, for an unmeasured device; null when the config is invalid or small. */
export function roughWarningFor(config: LabState['config']): string | null {
  if (configIssues(config).length) return null;
  return roughCostWarning(config, modelMacs(config.depth, config.width));
}

/** The warning Start asks to confirm: measured when possible, else from the job's size. */
export function startWarning(s: Pick<LabState, 'config' | 'throughput'>): string | null {
  const est = currentEstimate(s);
  return est ? costWarning(est) : roughWarningFor(s.config);
}

export function CostNote() {
  const config = useLab((s) => s.config);
  const throughput = useLab((s) => s.throughput);
  const est = currentEstimate({ config, throughput });
  const warning = est ? costWarning(est) : roughWarningFor(config);
  if (!est && !warning) {
    return <p className="small muted" data-testid="config.cost">Time estimate: measured after the first run on this device (a classroom preset is quick).</p>;
  }
  if (warning || !est) return <p className="warning" role="status" data-testid="config.cost">{warning}</p>;
  return (
    <p className="small muted" data-testid="config.cost">
      About {formatDuration(est.secondsPerEpoch)} per epoch, {formatDuration(est.totalSeconds)} in all
      ({est.basis === 'measured' ? 'measured' : `scaled from ${Math.round(throughput!.imagesPerSecond)} images/s measured on ${throughput!.backend || 'this device'}`}).
    </p>
  );
}
