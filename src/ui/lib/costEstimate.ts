/**
 * How long a run will take, before it starts: from a measured throughput (images/s of some
 * model on this backend) scaled by forward multiply-adds to the chosen model. Training cost
 * is taken as proportional to forward MACs (forward + backward ≈ 3× forward for every model
 * alike, so the ratio holds). Without a measurement we say so and give no number. Pure.
 */
import { stepsPerEpoch, totalSteps, type ExperimentConfig } from '../../core/config.ts';
import { formatDuration } from './format.ts';

/** A measured speed: `imagesPerSecond` of a model with `macs` forward MACs per image. */
export interface Throughput {
  imagesPerSecond: number;
  macs: number;
  /** Backend that measured it. */
  backend: string;
}

export interface CostEstimate {
  /** Estimated images/s for the chosen model. */
  imagesPerSecond: number;
  secondsPerEpoch: number;
  totalSeconds: number;
  /** "measured" when the model is the one measured, "scaled" when scaled by MACs. */
  basis: 'measured' | 'scaled';
}

/** Above this per-epoch time the form warns before starting. */
export const SLOW_EPOCH_SECONDS = 10 * 60;
/** Above this total time the form warns before starting. */
export const SLOW_RUN_SECONDS = 2 * 3600;

export function estimateCost(
  cfg: Pick<ExperimentConfig, 'trainSize' | 'batchSize' | 'epochs'>,
  macs: number,
  measured: Throughput | null,
): CostEstimate | null {
  if (!measured || !(measured.imagesPerSecond > 0) || !(measured.macs > 0) || !(macs > 0)) return null;
  const ips = (measured.imagesPerSecond * measured.macs) / macs;
  // Every step is a full batch (the last one is filled), so an epoch is steps × batch images.
  const epochImages = stepsPerEpoch(cfg) * cfg.batchSize;
  return {
    imagesPerSecond: ips,
    secondsPerEpoch: epochImages / ips,
    totalSeconds: (totalSteps(cfg) * cfg.batchSize) / ips,
    basis: Math.abs(measured.macs - macs) < 1 ? 'measured' : 'scaled',
  };
}

/**
 * Total training multiply-adds (forward + backward ≈ 3× forward) above which a run is large
 * whatever the device: ResNet-14 on all of CIFAR-10 for 160 epochs is 6.4·10¹⁴.
 */
export const LARGE_RUN_MACS = 1e14;

/** Before any speed was measured: a warning from the size of the job alone, or null. */
export function roughCostWarning(cfg: Pick<ExperimentConfig, 'trainSize' | 'batchSize' | 'epochs'>, macs: number): string | null {
  const total = 3 * macs * totalSteps(cfg) * cfg.batchSize;
  if (!(total > LARGE_RUN_MACS)) return null;
  const exp = Math.floor(Math.log10(total));
  return `This is a large job: about ${(total / 10 ** exp).toFixed(1)}·10^${exp} multiply-adds. Browsers manage roughly 10^9–10^11 per second, so expect hours to days; the speed is measured after the first run here.`;
}

/** The warning to show before starting, or null. */
export function costWarning(est: CostEstimate | null): string | null {
  if (!est) return null;
  if (est.secondsPerEpoch <= SLOW_EPOCH_SECONDS && est.totalSeconds <= SLOW_RUN_SECONDS) return null;
  const how = est.basis === 'measured' ? 'measured' : 'scaled from the measured speed';
  return `This run is expensive here: about ${formatDuration(est.secondsPerEpoch)} per epoch, ${formatDuration(est.totalSeconds)} in all (${how}, ${Math.round(est.imagesPerSecond)} images/s). Consider a smaller depth, a subset or fewer epochs.`;
}
