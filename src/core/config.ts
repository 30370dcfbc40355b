/**
 * Experiment configuration: one table of fields with defaults, ranges and the reason for
 * each default, and one validator. The URL codec, the CLI and the worker all go through
 * `validateConfig`, so a bad value is reported the same way everywhere.
 * Imports nothing but its own types.
 */

/** Which parameters train; see paper.md "Training modes". */
export type FreezeMode =
  | 'all' | 'bn' | 'bn+output' | 'output' | 'gamma' | 'beta' | 'random-k' | 'no-affine' | 'frozen';

export const FREEZE_MODES: readonly FreezeMode[] = [
  'all', 'bn', 'bn+output', 'output', 'gamma', 'beta', 'random-k', 'no-affine', 'frozen',
];

/** One-line explanation of each mode, shown beside the control. */
export const MODE_DESCRIPTIONS: Record<FreezeMode, string> = {
  all: 'Everything trains: the usual baseline.',
  bn: 'Only BatchNorm γ and β train; every conv and the output layer stay random (the paper).',
  'bn+output': 'BatchNorm γ, β and the output layer train.',
  output: 'Only the output layer trains: a linear probe on random features.',
  gamma: 'Only BatchNorm γ trains (ablation).',
  beta: 'Only BatchNorm β trains (ablation).',
  'random-k': 'k random weights per conv output channel train (k=2 matches the BN count).',
  'no-affine': 'γ=1 and β=0 are frozen; every conv and the output layer train.',
  frozen: 'Nothing trains: a sanity check (about 10% accuracy).',
};

export type Schedule = 'step' | 'cosine';
export type GammaInit = 'uniform' | 'ones';

/** A complete, validated experiment. Units are in each field's doc. */
export interface ExperimentConfig {
  /** Network depth 6N+2 (14, 32, 56, 110, 218, 434, 866, or any N ≥ 1). */
  depth: number;
  /** Channels of the first stage (stages have W, 2W, 4W). */
  width: number;
  mode: FreezeMode;
  /** Trainable weights per conv output channel in `random-k`. */
  k: number;
  /** Passes over the training subset. */
  epochs: number;
  /** Images per step. */
  batchSize: number;
  /** Peak learning rate. */
  lr: number;
  /** SGD momentum (PyTorch form). */
  momentum: number;
  /** L2 weight decay λ added to the gradient. */
  weightDecay: number;
  /** Whether weight decay also applies to BN γ and β. */
  wdOnBn: boolean;
  gammaInit: GammaInit;
  schedule: Schedule;
  /** Linear warm-up length in epochs (0 = none). */
  warmupEpochs: number;
  /** Seeds initialisation, masks, data order, augmentation and subsets. */
  seed: number;
  /** Training images used (class-balanced subset; 50000 = all). */
  trainSize: number;
  /** Test images used (class-balanced subset; 10000 = all). */
  testSize: number;
  /** Random crop + flip on training images. */
  augment: boolean;
}

interface FieldSpec {
  kind: 'int' | 'number' | 'bool' | 'enum';
  min?: number;
  max?: number;
  values?: readonly string[];
  /** Why this default. */
  why: string;
}

export const DEFAULT_CONFIG: ExperimentConfig = {
  depth: 14, width: 16, mode: 'bn', k: 2, epochs: 160, batchSize: 128, lr: 0.1, momentum: 0.9,
  weightDecay: 1e-4, wdOnBn: true, gammaInit: 'uniform', schedule: 'step', warmupEpochs: 0,
  seed: 0, trainSize: 50000, testSize: 10000, augment: true,
};

export const CONFIG_FIELDS: Record<keyof ExperimentConfig, FieldSpec> = {
  depth: { kind: 'int', min: 8, max: 1202, why: 'ResNet-14, the smallest depth the paper reports' },
  width: { kind: 'int', min: 1, max: 256, why: 'W=16, the standard CIFAR ResNet' },
  mode: { kind: 'enum', values: FREEZE_MODES, why: 'BN-only, the paper\'s main condition' },
  k: { kind: 'int', min: 1, max: 9, why: 'k=2 matches the number of BN parameters' },
  epochs: { kind: 'number', min: 0.01, max: 1000, why: 'the paper\'s 160 epochs' },
  batchSize: { kind: 'int', min: 2, max: 1024, why: 'the paper\'s batch of 128' },
  lr: { kind: 'number', min: 1e-6, max: 10, why: 'the paper\'s 0.1' },
  momentum: { kind: 'number', min: 0, max: 0.999, why: 'the paper\'s 0.9' },
  weightDecay: { kind: 'number', min: 0, max: 0.1, why: 'the reference 1e-4' },
  wdOnBn: { kind: 'bool', why: 'the reference decays every trainable tensor, γ and β too' },
  gammaInit: { kind: 'enum', values: ['uniform', 'ones'], why: 'the reference γ ~ U[0,1)' },
  schedule: { kind: 'enum', values: ['step', 'cosine'], why: 'the paper\'s ×0.1 at 50% and 75%' },
  warmupEpochs: { kind: 'number', min: 0, max: 100, why: 'the paper uses none' },
  seed: { kind: 'int', min: 0, max: 2 ** 32 - 1, why: 'any seed; it is always shown and shared' },
  trainSize: { kind: 'int', min: 10, max: 50000, why: 'the full training set' },
  testSize: { kind: 'int', min: 10, max: 10000, why: 'the full test set' },
  augment: { kind: 'bool', why: 'the paper crops and flips training images' },
};

/** One rejected field: which, what was given, and why. */
export interface ConfigIssue {
  field: string;
  value: unknown;
  message: string;
}

/** Returns N for depth 6N+2, or null when the depth is not of that form. */
export function blocksPerStage(depth: number): number | null {
  return Number.isInteger(depth) && depth >= 8 && (depth - 2) % 6 === 0 ? (depth - 2) / 6 : null;
}

function checkField(field: keyof ExperimentConfig, value: unknown): ConfigIssue | null {
  const spec = CONFIG_FIELDS[field];
  const bad = (message: string): ConfigIssue => ({ field, value, message: `${field}: ${message}` });
  if (spec.kind === 'bool') return typeof value === 'boolean' ? null : bad(`expected true or false, got ${JSON.stringify(value)}`);
  if (spec.kind === 'enum') {
    return typeof value === 'string' && spec.values!.includes(value)
      ? null
      : bad(`expected one of ${spec.values!.join(', ')}, got ${JSON.stringify(value)}`);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return bad(`expected a number, got ${JSON.stringify(value)}`);
  if (spec.kind === 'int' && !Number.isInteger(value)) return bad(`expected a whole number, got ${value}`);
  if (value < spec.min! || value > spec.max!) return bad(`${value} is outside ${spec.min}…${spec.max}`);
  return null;
}

/**
 * Validates a partial config over the defaults. Unknown keys and bad values are reported
 * (never thrown) and the default is kept for them, so callers can show what was ignored.
 */
export function validateConfig(input: Record<string, unknown>, base: ExperimentConfig = DEFAULT_CONFIG): {
  config: ExperimentConfig;
  issues: ConfigIssue[];
} {
  const config: ExperimentConfig = { ...base };
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!(key in CONFIG_FIELDS)) {
      issues.push({ field: key, value, message: `unknown setting "${key}"` });
      continue;
    }
    const field = key as keyof ExperimentConfig;
    const issue = checkField(field, value);
    if (issue) issues.push(issue);
    else (config as unknown as Record<string, unknown>)[field] = value;
  }
  if (blocksPerStage(config.depth) === null) {
    issues.push({ field: 'depth', value: config.depth, message: `depth: ${config.depth} is not of the form 6N+2 (e.g. 14, 20, 32, 56, 110)` });
    config.depth = base.depth;
  }
  if (config.trainSize < config.batchSize) {
    issues.push({ field: 'batchSize', value: config.batchSize, message: `batchSize: ${config.batchSize} is larger than the training subset (${config.trainSize})` });
    config.batchSize = Math.min(base.batchSize, config.trainSize);
  }
  return { config, issues };
}

/** Throws with every issue listed; for callers that must not run on a bad config. */
export function parseConfigStrict(input: Record<string, unknown>): ExperimentConfig {
  const { config, issues } = validateConfig(input);
  if (issues.length) throw new Error(`Invalid configuration:\n  ${issues.map((i) => i.message).join('\n  ')}`);
  return config;
}

/** The reference recipe's input normalisation, applied after scaling pixels to [0,1]. */
export const PAPER_NORMALISATION = {
  mean: [0.485, 0.456, 0.406] as [number, number, number],
  std: [0.229, 0.224, 0.225] as [number, number, number],
};

/** Steps in one epoch: the last partial batch is filled from the start of the epoch's order. */
export function stepsPerEpoch(cfg: Pick<ExperimentConfig, 'trainSize' | 'batchSize'>): number {
  return Math.ceil(cfg.trainSize / cfg.batchSize);
}

/** Total optimisation steps (epochs may be fractional for quick runs; at least one step). */
export function totalSteps(cfg: Pick<ExperimentConfig, 'trainSize' | 'batchSize' | 'epochs'>): number {
  return Math.max(1, Math.round(cfg.epochs * stepsPerEpoch(cfg)));
}
