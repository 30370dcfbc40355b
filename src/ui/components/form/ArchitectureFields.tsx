/**
 * Depth (presets of the paper plus any 6N+2), width, freezing mode with its one-line
 * explanation and live trainable-parameter count, and k for random-k.
 */
import { useShallow } from 'zustand/react/shallow';
import { FREEZE_MODES } from '../../../core/config.ts';
import { useLab } from '../../app/labStore.ts';
import { formatCount, formatMacs } from '../../lib/format.ts';
import { modelInfo } from '../../lib/modeInfo.ts';
import { ConfigNumber, ConfigSelect } from './ConfigControls.tsx';

export const DEPTH_PRESETS = [14, 32, 56, 110, 218, 434, 866] as const;
const WIDTHS = [4, 8, 16, 32, 64];

export function ArchitectureFields() {
  const { depth, width, mode, k, seed } = useLab(useShallow((s) => s.config));
  const info = modelInfo({ depth, width, k, seed });
  const current = info?.modes.find((m) => m.mode === mode);
  return (
    <>
      <div className="field-grid">
        <ConfigNumber field="depth"
          suggestions={DEPTH_PRESETS.map((d) => ({ value: d, label: `ResNet-${d}` }))}
          hint={info ? `${formatCount(info.total)} parameters, ${formatMacs(info.macs)} multiply-adds per image` : undefined} />
        <ConfigNumber field="width"
          suggestions={WIDTHS.map((w) => ({ value: w, label: `${w}, ${2 * w}, ${4 * w} channels` }))}
          hint="Stages have W, 2W, 4W channels (16 in the paper)." />
      </div>
      <ConfigSelect
        field="mode"
        options={FREEZE_MODES.map((m) => {
          const n = info?.modes.find((x) => x.mode === m)?.trainable;
          return { value: m, label: `${m}${n !== undefined ? ` — ${formatCount(n)} trainable` : ''}` };
        })}
        hint={current ? (
          <span data-testid="config.modeInfo">
            {current.description} <strong>{formatCount(current.trainable)}</strong> of {formatCount(info!.total)} parameters train
            {' '}({(current.fraction * 100).toPrecision(2)}%){mode === 'bn' ? `; the BN layers hold ${formatCount(info!.bn)}.` : '.'}
          </span>
        ) : 'Fix the depth and width to see the counts.'}
      />
      {mode === 'random-k' ? <ConfigNumber field="k" hint="k=2 trains about as many numbers as BN-only." /> : null}
    </>
  );
}
