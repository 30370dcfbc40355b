/**
 * Form controls bound to one config field: label, test id (`config.<field>`), value, setter,
 * problem and lock all come from the field (useConfigField), so a form row names only the
 * field and what is particular to it (hint, suggestions, options).
 */
import type { ReactNode } from 'react';
import type { ExperimentConfig } from '../../../core/config.ts';
import { CheckField, NumberField, SelectField } from './fields.tsx';
import { useConfigField } from './useConfigField.ts';

type FieldOf<V> = { [K in keyof ExperimentConfig]: ExperimentConfig[K] extends V ? K : never }[keyof ExperimentConfig];

export function ConfigNumber(props: { field: FieldOf<number>; hint?: ReactNode; suggestions?: readonly { value: number; label: string }[] }) {
  const f = useConfigField(props.field);
  return (
    <NumberField label={f.label} testId={`config.${props.field}`} value={f.value} onChange={f.set} error={f.error} disabled={f.locked}
      hint={props.hint} suggestions={props.suggestions} />
  );
}

export function ConfigSelect<K extends FieldOf<string>>(props: {
  field: K;
  options: readonly { value: ExperimentConfig[K]; label: string }[];
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const f = useConfigField(props.field);
  return (
    <SelectField<ExperimentConfig[K]> label={f.label} testId={`config.${props.field}`} value={f.value} onChange={f.set} error={f.error}
      disabled={f.locked || props.disabled} options={props.options} hint={props.hint} />
  );
}

export function ConfigCheck(props: { field: FieldOf<boolean> }) {
  const f = useConfigField(props.field);
  return <CheckField label={f.label} testId={`config.${props.field}`} checked={f.value} onChange={f.set} disabled={f.locked} />;
}
