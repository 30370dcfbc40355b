/**
 * Labels for overlaid runs by what differs between them: two runs that differ only in mode
 * are "mode bn" and "mode all", not their ids. Pure.
 */
import { CONFIG_FIELD_NAMES, type ExperimentConfig } from '../../core/config.ts';
import { showField } from '../../core/fieldText.ts';

/** Fields whose values are not all equal across the configs, in table order. */
export function differingFields(configs: readonly ExperimentConfig[]): (keyof ExperimentConfig)[] {
  if (configs.length < 2) return [];
  return CONFIG_FIELD_NAMES.filter((f) => configs.some((c) => c[f] !== configs[0][f]));
}

/** One label per run; falls back to the run's name where configs are identical. */
export function diffLabels(runs: readonly { name: string; config: ExperimentConfig }[]): string[] {
  const fields = differingFields(runs.map((r) => r.config));
  if (!fields.length) return runs.map((r) => r.name);
  const labels = runs.map((r) => fields.map((f) => showField(f, r.config[f])).join(', '));
  // Identical labels (same differing values) are told apart by name.
  return labels.map((l, i) => (labels.indexOf(l) !== labels.lastIndexOf(l) ? `${l} (${runs[i].name})` : l));
}

/** A short description of one config, for a run's default name. */
export function describeConfig(c: ExperimentConfig): string {
  return `ResNet-${c.depth}${c.width !== 16 ? `×${c.width}` : ''} ${c.mode} seed ${c.seed}`;
}
