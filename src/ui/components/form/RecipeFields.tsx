/**
 * The training recipe: epochs, batch, learning rate and schedule, warm-up, momentum, weight
 * decay and whether it touches BN, γ init, augmentation. Each default's reason is the hint.
 */
import { CONFIG_FIELDS, totalSteps, stepsPerEpoch, type ConfigField } from '../../../core/config.ts';
import { modeTrains } from '../../../core/model/partition.ts';
import { useLab } from '../../app/labStore.ts';
import { formatCount } from '../../lib/format.ts';
import { ConfigCheck, ConfigNumber, ConfigSelect } from './ConfigControls.tsx';

const why = (f: ConfigField) => `Default: ${CONFIG_FIELDS[f].why}.`;

export function RecipeFields() {
  const c = useLab((s) => s.config);
  const steps = c.batchSize >= 2 && c.epochs > 0 && c.trainSize >= c.batchSize
    ? `${formatCount(totalSteps(c))} steps (${formatCount(stepsPerEpoch(c))} per epoch).`
    : undefined;
  const bnTrains = modeTrains(c.mode, 'gamma') || modeTrains(c.mode, 'beta');
  return (
    <>
      <div className="field-grid">
        <ConfigNumber field="epochs" hint={steps ?? why('epochs')} />
        <ConfigNumber field="batchSize" hint={why('batchSize')} />
        <ConfigNumber field="lr" hint={why('lr')} />
        <ConfigSelect field="schedule" options={[{ value: 'step', label: '×0.1 at 50% and 75%' }, { value: 'cosine', label: 'cosine to 0' }]} hint={why('schedule')} />
        <ConfigNumber field="warmupEpochs" hint="Linear ramp from 0; very deep nets may need it." />
        <ConfigNumber field="momentum" hint={why('momentum')} />
        <ConfigNumber field="weightDecay" hint={why('weightDecay')} />
        <ConfigSelect field="gammaInit" disabled={c.mode === 'no-affine'} options={[{ value: 'uniform', label: 'U[0, 1)' }, { value: 'ones', label: '1' }]}
          hint={c.mode === 'no-affine' ? 'no-affine pins γ=1, β=0 whatever this says.' : why('gammaInit')} />
      </div>
      <ConfigCheck field="wdOnBn" />
      {c.wdOnBn && c.weightDecay > 0 && bnTrains ? (
        <p className="hint small muted" style={{ marginTop: '-0.3rem' }}>Decay pulls γ towards zero: a confound for the “disabled features” count.</p>
      ) : null}
      <ConfigCheck field="augment" />
    </>
  );
}
