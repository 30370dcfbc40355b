/**
 * The numbers to compare a run against, copied from docs/paper.md with the tag that says
 * where each comes from. Shown beside a run's result; never used to fake one. Pure.
 */
import type { FreezeMode } from '../../core/config.ts';

/** Where a number comes from (paper.md's tags). */
export type SourceTag = 'paper' | '3rd' | 'tf23';

export const SOURCE_LABELS: Record<SourceTag, string> = {
  paper: 'stated in the paper (Frankle et al., ICLR 2021)',
  '3rd': 'third-party quote of the paper',
  tf23: 'a TF 2.3 reproduction (differs in architecture and evaluation)',
};

/** One reference CIFAR-10 test accuracy (fraction) for a depth at width 16. */
export interface ReferenceNumber {
  depth: number;
  /** `bn`: BN-only; `all`: every parameter trained. */
  condition: 'bn' | 'all';
  accuracy: number;
  source: SourceTag;
  /** Approximate (paper.md writes ≈). */
  approx: boolean;
}

const ref = (depth: number, condition: 'bn' | 'all', accuracy: number, source: SourceTag, approx = false): ReferenceNumber =>
  ({ depth, condition, accuracy, source, approx });

export const REFERENCE_NUMBERS: readonly ReferenceNumber[] = [
  ref(14, 'bn', 0.48, '3rd', true),
  ref(14, 'bn', 0.4667, 'tf23'),
  ref(32, 'bn', 0.5129, 'tf23'),
  ref(56, 'bn', 0.5521, 'tf23'),
  ref(110, 'bn', 0.695, '3rd', true),
  ref(110, 'bn', 0.6519, 'tf23'),
  ref(218, 'bn', 0.7009, 'tf23'),
  ref(434, 'bn', 0.7367, 'tf23'),
  ref(866, 'bn', 0.82, 'paper'),
  ref(866, 'bn', 0.7783, 'tf23'),
  ref(14, 'all', 0.91, '3rd', true),
  ref(110, 'all', 0.933, '3rd', true),
  ref(866, 'all', 0.93, '3rd', true),
];

/** Which reference condition a mode compares with, if any. */
export function conditionFor(mode: FreezeMode): 'bn' | 'all' | null {
  return mode === 'bn' ? 'bn' : mode === 'all' ? 'all' : null;
}

/**
 * Reference numbers for a run: the mode's own condition first, then the other one for
 * context. Width other than 16 or a subset of CIFAR-10 make them only a rough guide
 * (`caveats` says why).
 */
export function referencesFor(cfg: { depth: number; width: number; mode: FreezeMode; trainSize: number; testSize: number; epochs: number }): {
  own: ReferenceNumber[];
  other: ReferenceNumber[];
  caveats: string[];
} {
  const at = REFERENCE_NUMBERS.filter((r) => r.depth === cfg.depth);
  const cond = conditionFor(cfg.mode);
  const caveats: string[] = [];
  if (cfg.width !== 16) caveats.push(`references are for width 16; this run has width ${cfg.width}`);
  if (cfg.trainSize < 50000) caveats.push(`references train on all 50,000 images; this run uses ${cfg.trainSize.toLocaleString('en-US')}`);
  if (cfg.testSize < 10000) caveats.push(`references test on 10,000 images; this run uses ${cfg.testSize.toLocaleString('en-US')}`);
  if (cfg.epochs < 160) caveats.push(`references train for 160 epochs; this run trains for ${cfg.epochs}`);
  if (cond === null) caveats.push(`no published number for mode "${cfg.mode}"`);
  return {
    own: cond ? at.filter((r) => r.condition === cond) : [],
    other: at.filter((r) => r.condition !== cond),
    caveats,
  };
}
