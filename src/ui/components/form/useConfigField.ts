/**
 * One config field for a form control: its label, value, setter and problem (validateConfig's
 * bare reason: the control already names the field), with narrow subscriptions.
 */
import { CONFIG_FIELDS, type ExperimentConfig } from '../../../core/config.ts';
import { useLab } from '../../app/labStore.ts';
import { configIssues } from '../../store/configSlice.ts';
import { isActive } from '../../store/runSlice.ts';

export function useConfigField<K extends keyof ExperimentConfig>(field: K) {
  const value = useLab((s) => s.config[field]);
  const setField = useLab((s) => s.setField);
  const error = useLab((s) => configIssues(s.config).find((i) => i.field === field)?.reason ?? null);
  const locked = useLab((s) => isActive(s.run));
  return { label: CONFIG_FIELDS[field].label, value, set: (v: ExperimentConfig[K]) => setField(field, v), error, locked };
}
