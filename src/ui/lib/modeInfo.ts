/**
 * Per-mode explanation and trainable-parameter count for the form, live as choices change.
 * Counts come from the engine's partition rule (trainableCount: closed form, no masks, so a
 * deep net costs nothing per keystroke). Pure.
 */
import { FREEZE_MODES, MODE_DESCRIPTIONS, type ExperimentConfig, type FreezeMode } from '../../core/config.ts';
import { trainableCount } from '../../core/model/partition.ts';
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
      const trainable = trainableCount(spec, { mode, k: cfg.k });
      return { mode, description: MODE_DESCRIPTIONS[mode], trainable, fraction: trainable / counts.total };
    }),
  };
  if (cache.size > 64) cache.clear();
  cache.set(key, info);
  return info;
}
