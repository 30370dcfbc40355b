/**
 * One config field for a form control: its value, its setter and its problem (from
 * validateConfig, so the message names the field and the value), with narrow subscriptions.
 */
import type { ExperimentConfig } from '../../../core/config.ts';
import { useLab } from '../../app/labStore.ts';
import { configIssues } from '../../store/configSlice.ts';
import { isActive } from '../../store/runSlice.ts';

export function useConfigField<K extends keyof ExperimentConfig>(field: K) {
  const value = useLab((s) => s.config[field]);
  const setField = useLab((s) => s.setField);
  const error = useLab((s) => configIssues(s.config).find((i) => i.field === field)?.message ?? null);
  const locked = useLab((s) => isActive(s.run));
  return { value, set: (v: ExperimentConfig[K]) => setField(field, v), error: error && humanise(error), locked };
}

/** "depth: 15 is not of the form 6N+2" → "15 is not of the form 6N+2". */
function humanise(message: string): string {
  return message.replace(/^[a-zA-Z]+: /, '');
}
