/**
 * Per-mode explanation and trainable-parameter count for the form, live as choices change.
 * Counts come from the engine's one partition rule (partitionParams); for `random-k` the
 * count is computed in closed form (each conv output channel trains min(k, fan-in) distinct
 * weights), because building the masks of a deep net on every keystroke is slow — a test
 * checks both agree. Pure.
 */
import { FREEZE_MODES, MODE_DESCRIPTIONS, type ExperimentConfig, type FreezeMode } from '../../core/config.ts';
import { partitionParams } from '../../core/model/partition.ts';
import { buildResNetSpec, countParams, forwardMacs, type ResNetSpec } from '../../core/model/spec.ts';

export interface ModeInfo {
  mode: FreezeMode;
  description: string;
  trainable: number;
  /** trainable / total. */
  fraction: number;
}

export interface ModelInfo {
  total: number;
  bn: number;
  macs: number;
  modes: ModeInfo[];
}

function randomKCount(spec: ResNetSpec, k: number): number {
  return spec.params.filter((p) => p.kind === 'conv').reduce((a, p) => a + p.shape[3] * Math.min(k, p.fanIn), 0);
}

export function trainableCount(spec: ResNetSpec, cfg: Pick<ExperimentConfig, 'mode' | 'k' | 'seed'>): number {
  return cfg.mode === 'random-k' ? randomKCount(spec, cfg.k) : partitionParams(spec, cfg).trainable;
}

const cache = new Map<string, ModelInfo>();

/** Counts for every mode of one architecture; null when depth/width do not form a network. */
export function modelInfo(cfg: Pick<ExperimentConfig, 'depth' | 'width' | 'k' | 'seed'>): ModelInfo | null {
  const key = `${cfg.depth}/${cfg.width}/${cfg.k}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let spec: ResNetSpec;
  try {
    spec = buildResNetSpec(cfg.depth, cfg.width);
  } catch {
    return null;
  }
  const counts = countParams(spec);
  const info: ModelInfo = {
    total: counts.total,
    bn: counts.bn,
    macs: forwardMacs(spec),
    modes: FREEZE_MODES.map((mode) => {
      const trainable = trainableCount(spec, { mode, k: cfg.k, seed: cfg.seed });
      return { mode, description: MODE_DESCRIPTIONS[mode], trainable, fraction: trainable / counts.total };
    }),
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, info);
  return info;
}
