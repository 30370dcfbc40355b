/**
 * Depth (presets of the paper plus any 6N+2), width, freezing mode with its one-line
 * explanation and live trainable-parameter count, and k for random-k.
 */
import { FREEZE_MODES, type FreezeMode } from '../../../core/config.ts';
import { useLab } from '../../app/labStore.ts';
import { formatCount, formatMacs } from '../../lib/format.ts';
import { modelInfo } from '../../lib/modeInfo.ts';
import { NumberField, SelectField } from './fields.tsx';
import { useConfigField } from './useConfigField.ts';

export const DEPTH_PRESETS = [14, 32, 56, 110, 218, 434, 866] as const;
const WIDTHS = [4, 8, 16, 32, 64];

export function ArchitectureFields() {
  const depth = useConfigField('depth');
  const width = useConfigField('width');
  const mode = useConfigField('mode');
  const k = useConfigField('k');
  const seed = useLab((s) => s.config.seed);
  const info = modelInfo({ depth: depth.value, width: width.value, k: k.value, seed });
  const current = info?.modes.find((m) => m.mode === mode.value);
  return (
    <>
      <div className="field-grid">
        <NumberField label="Depth (6N+2)" testId="config.depth" value={depth.value} onChange={depth.set} error={depth.error} disabled={depth.locked}
          suggestions={DEPTH_PRESETS.map((d) => ({ value: d, label: `ResNet-${d}` }))}
          hint={info ? `${formatCount(info.total)} parameters, ${formatMacs(info.macs)} multiply-adds per image` : undefined} />
        <NumberField label="Width W" testId="config.width" value={width.value} onChange={width.set} error={width.error} disabled={width.locked}
          suggestions={WIDTHS.map((w) => ({ value: w, label: `${w}, ${2 * w}, ${4 * w} channels` }))}
          hint="Stages have W, 2W, 4W channels (16 in the paper)." />
      </div>
      <SelectField<FreezeMode>
        label="What trains"
        testId="config.mode"
        value={mode.value}
        disabled={mode.locked}
        error={mode.error}
        onChange={mode.set}
        options={FREEZE_MODES.map((m) => {
          const n = info?.modes.find((x) => x.mode === m)?.trainable;
          return { value: m, label: `${m}${n !== undefined ? ` — ${formatCount(n)} trainable` : ''}` };
        })}
        hint={current ? (
          <span data-testid="config.modeInfo">
            {current.description} <strong>{formatCount(current.trainable)}</strong> of {formatCount(info!.total)} parameters train
            {' '}({(current.fraction * 100).toPrecision(2)}%){mode.value === 'bn' ? `; the BN layers hold ${formatCount(info!.bn)}.` : '.'}
          </span>
        ) : 'Fix the depth and width to see the counts.'}
      />
      {mode.value === 'random-k' ? (
        <NumberField label="k (weights per conv channel)" testId="config.k" value={k.value} onChange={k.set} error={k.error} disabled={k.locked}
          hint="k=2 trains about as many numbers as BN-only." />
      ) : null}
    </>
  );
}
