/** Seed, training/test subset sizes and the backend choice. */
import { useLab } from '../../app/labStore.ts';
import { BACKEND_CHOICES, type BackendChoice } from '../../url/codec.ts';
import { ConfigNumber } from './ConfigControls.tsx';
import { SelectField } from './fields.tsx';

const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'auto',
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'wasm (CPU)',
  cpu: 'cpu (slowest)',
};

export function SeedField() {
  return <ConfigNumber field="seed" hint="Fixes the random weights, subsets, data order and augmentation. Always in the link." />;
}

export function SubsetFields() {
  return (
    <div className="field-grid">
      <ConfigNumber field="trainSize"
        suggestions={[{ value: 50000, label: 'all' }, { value: 10000, label: '' }, { value: 5000, label: 'classroom' }, { value: 1000, label: '' }]}
        hint="Class-balanced subset chosen by the seed; 50,000 = all." />
      <ConfigNumber field="testSize"
        suggestions={[{ value: 10000, label: 'all' }, { value: 1000, label: 'classroom' }]} hint="10,000 = all." />
    </div>
  );
}

export function BackendField() {
  const choice = useLab((s) => s.backendChoice);
  const set = useLab((s) => s.setBackendChoice);
  const info = useLab((s) => s.backend.info);
  const locked = useLab((s) => s.run?.status === 'running' || s.run?.status === 'paused' || s.run?.status === 'starting');
  return (
    <SelectField<BackendChoice> label="Backend" testId="config.backend" value={choice} onChange={set} disabled={locked}
      options={BACKEND_CHOICES.map((b) => ({ value: b, label: BACKEND_LABELS[b] }))}
      hint={info?.forced && info.warning && info.name === choice ? <span className="warning" style={{ display: 'block' }}>{info.warning}</span>
        : choice === 'auto' ? 'The fastest that can run the mode; the badge says which and why.' : 'Forced; a warning appears here when it is slow or cannot run the mode.'} />
  );
}
