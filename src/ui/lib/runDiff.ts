/**
 * Labels for overlaid runs by what differs between them: two runs that differ only in mode
 * are "mode bn" and "mode all", not their ids. Pure.
 */
import type { ExperimentConfig } from '../../core/config.ts';

const SHORT: Partial<Record<keyof ExperimentConfig, string>> = {
  depth: 'ResNet-', width: 'width ', mode: 'mode ', k: 'k=', epochs: 'epochs ', batchSize: 'batch ',
  lr: 'lr ', momentum: 'momentum ', weightDecay: 'wd ', wdOnBn: 'wd on BN ', gammaInit: 'γ init ',
  schedule: 'schedule ', warmupEpochs: 'warm-up ', seed: 'seed ', trainSize: 'train ', testSize: 'test ', augment: 'augment ',
};

/** Fields whose values are not all equal across the configs, in table order. */
export function differingFields(configs: readonly ExperimentConfig[]): (keyof ExperimentConfig)[] {
  if (configs.length < 2) return [];
  return (Object.keys(configs[0]) as (keyof ExperimentConfig)[]).filter((f) => configs.some((c) => c[f] !== configs[0][f]));
}

function show(field: keyof ExperimentConfig, value: unknown): string {
  const v = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
  return `${SHORT[field] ?? `${field} `}${v}`;
}

/** One label per run; falls back to the run's name where configs are identical. */
export function diffLabels(runs: readonly { name: string; config: ExperimentConfig }[]): string[] {
  const fields = differingFields(runs.map((r) => r.config));
  if (!fields.length) return runs.map((r) => r.name);
  const labels = runs.map((r) => fields.map((f) => show(f, r.config[f])).join(', '));
  // Identical labels (same differing values) are told apart by name.
  return labels.map((l, i) => (labels.indexOf(l) !== labels.lastIndexOf(l) ? `${l} (${runs[i].name})` : l));
}

/** A short description of one config, for a run's default name. */
export function describeConfig(c: ExperimentConfig): string {
  return `ResNet-${c.depth}${c.width !== 16 ? `×${c.width}` : ''} ${c.mode} seed ${c.seed}`;
}
