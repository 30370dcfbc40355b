/**
 * The training recipe: epochs, batch, learning rate and schedule, warm-up, momentum, weight
 * decay and whether it touches BN, γ init, augmentation. Each default's reason is the hint.
 */
import { CONFIG_FIELDS, totalSteps, stepsPerEpoch, type GammaInit, type Schedule } from '../../../core/config.ts';
import { modeTrains } from '../../../core/model/partition.ts';
import { useLab } from '../../app/labStore.ts';
import { formatCount } from '../../lib/format.ts';
import { CheckField, NumberField, SelectField } from './fields.tsx';
import { useConfigField } from './useConfigField.ts';

const why = (f: keyof typeof CONFIG_FIELDS) => `Default: ${CONFIG_FIELDS[f].why}.`;

export function RecipeFields() {
  const epochs = useConfigField('epochs');
  const batch = useConfigField('batchSize');
  const lr = useConfigField('lr');
  const schedule = useConfigField('schedule');
  const warmup = useConfigField('warmupEpochs');
  const momentum = useConfigField('momentum');
  const wd = useConfigField('weightDecay');
  const wdOnBn = useConfigField('wdOnBn');
  const gammaInit = useConfigField('gammaInit');
  const augment = useConfigField('augment');
  const mode = useLab((s) => s.config.mode);
  const trainSize = useLab((s) => s.config.trainSize);
  const locked = epochs.locked;
  const steps = batch.value >= 2 && epochs.value > 0 && trainSize >= batch.value
    ? `${formatCount(totalSteps({ epochs: epochs.value, batchSize: batch.value, trainSize }))} steps (${formatCount(stepsPerEpoch({ batchSize: batch.value, trainSize }))} per epoch).`
    : undefined;
  const bnTrains = modeTrains(mode, 'gamma') || modeTrains(mode, 'beta');
  return (
    <>
      <div className="field-grid">
        <NumberField label="Epochs" testId="config.epochs" value={epochs.value} onChange={epochs.set} error={epochs.error} disabled={locked} hint={steps ?? why('epochs')} />
        <NumberField label="Batch size" testId="config.batchSize" value={batch.value} onChange={batch.set} error={batch.error} disabled={locked} hint={why('batchSize')} />
        <NumberField label="Learning rate" testId="config.lr" value={lr.value} onChange={lr.set} error={lr.error} disabled={locked} hint={why('lr')} />
        <SelectField<Schedule> label="Schedule" testId="config.schedule" value={schedule.value} onChange={schedule.set} disabled={locked}
          options={[{ value: 'step', label: '×0.1 at 50% and 75%' }, { value: 'cosine', label: 'cosine to 0' }]} hint={why('schedule')} />
        <NumberField label="Warm-up (epochs)" testId="config.warmupEpochs" value={warmup.value} onChange={warmup.set} error={warmup.error} disabled={locked}
          hint="Linear ramp from 0; very deep nets may need it." />
        <NumberField label="Momentum" testId="config.momentum" value={momentum.value} onChange={momentum.set} error={momentum.error} disabled={locked} hint={why('momentum')} />
        <NumberField label="Weight decay" testId="config.weightDecay" value={wd.value} onChange={wd.set} error={wd.error} disabled={locked} hint={why('weightDecay')} />
        <SelectField<GammaInit> label="γ init" testId="config.gammaInit" value={gammaInit.value} onChange={gammaInit.set} disabled={locked || mode === 'no-affine'}
          options={[{ value: 'uniform', label: 'U[0, 1)' }, { value: 'ones', label: '1' }]}
          hint={mode === 'no-affine' ? 'no-affine pins γ=1, β=0 whatever this says.' : why('gammaInit')} />
      </div>
      <CheckField label="Weight decay also on BN γ and β" testId="config.wdOnBn" checked={wdOnBn.value} onChange={wdOnBn.set} disabled={locked} />
      {wdOnBn.value && wd.value > 0 && bnTrains ? (
        <p className="hint small muted" style={{ marginTop: '-0.3rem' }}>Decay pulls γ towards zero: a confound for the “disabled features” count.</p>
      ) : null}
      <CheckField label="Augment (random crop + flip)" testId="config.augment" checked={augment.value} onChange={augment.set} disabled={locked} />
    </>
  );
}
