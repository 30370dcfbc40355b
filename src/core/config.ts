/**
 * The run configuration: one table with a row per field (type and range, default and the
 * reason for it, URL key, CLI flag, form label, short label), and one validator. Everything
 * else is derived from the table: DEFAULT_CONFIG, the link codec, the CLI options and their
 * `--help`, the form labels, run labels, the bench bounds. Adding a field is one row.
 * Text in links and on the command line is read by fieldText.ts. Imports nothing.
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

/** A complete, validated run configuration. Units are in each field's doc. */
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

export type ConfigField = keyof ExperimentConfig;

/** A value of some field; what a link or the command line carries. */
export type FieldValue = number | string | boolean;

/** One row of the table. */
export interface FieldSpec<V extends FieldValue = FieldValue> {
  kind: 'int' | 'number' | 'bool' | 'enum';
  /** Inclusive range of numbers. */
  min?: number;
  max?: number;
  /** Allowed values of an enum. */
  values?: readonly string[];
  default: V;
  /** Why this default (shown as the form hint and in `--help`). */
  why: string;
  /** Key in a link's query. Part of the link format: never reuse or rename one. */
  url: string;
  /** Command-line flag without the dashes. */
  flag: string;
  /** Form label. */
  label: string;
  /** Run labels: written before the value ("ResNet-14", "mode bn", "k=2"). */
  short: string;
}

type Table = { [K in ConfigField]: FieldSpec<ExperimentConfig[K]> };

export const CONFIG_FIELDS: Table = {
  depth: { kind: 'int', min: 8, max: 1202, default: 14, why: 'ResNet-14, the smallest depth the paper reports', url: 'd', flag: 'depth', label: 'Depth (6N+2)', short: 'ResNet-' },
  width: { kind: 'int', min: 1, max: 256, default: 16, why: 'W=16, the standard CIFAR ResNet', url: 'w', flag: 'width', label: 'Width W', short: 'width ' },
  mode: { kind: 'enum', values: FREEZE_MODES, default: 'bn', why: 'BN-only, the paper\'s main condition', url: 'm', flag: 'mode', label: 'What trains', short: 'mode ' },
  k: { kind: 'int', min: 1, max: 9, default: 2, why: 'k=2 matches the number of BN parameters', url: 'k', flag: 'k', label: 'k (weights per conv channel)', short: 'k=' },
  epochs: { kind: 'number', min: 0.01, max: 1000, default: 160, why: 'the paper\'s 160 epochs', url: 'ep', flag: 'epochs', label: 'Epochs', short: 'epochs ' },
  batchSize: { kind: 'int', min: 2, max: 1024, default: 128, why: 'the paper\'s batch of 128', url: 'b', flag: 'batch', label: 'Batch size', short: 'batch ' },
  lr: { kind: 'number', min: 1e-6, max: 10, default: 0.1, why: 'the paper\'s 0.1', url: 'lr', flag: 'lr', label: 'Learning rate', short: 'lr ' },
  momentum: { kind: 'number', min: 0, max: 0.999, default: 0.9, why: 'the paper\'s 0.9', url: 'mom', flag: 'momentum', label: 'Momentum', short: 'momentum ' },
  weightDecay: { kind: 'number', min: 0, max: 0.1, default: 1e-4, why: 'the reference 1e-4', url: 'wd', flag: 'wd', label: 'Weight decay', short: 'wd ' },
  wdOnBn: { kind: 'bool', default: true, why: 'the reference decays every trainable tensor, γ and β too', url: 'wdbn', flag: 'wd-bn', label: 'Weight decay also on BN γ and β', short: 'wd on BN ' },
  gammaInit: { kind: 'enum', values: ['uniform', 'ones'], default: 'uniform', why: 'the reference γ ~ U[0,1)', url: 'gi', flag: 'gamma-init', label: 'γ init', short: 'γ init ' },
  schedule: { kind: 'enum', values: ['step', 'cosine'], default: 'step', why: 'the paper\'s ×0.1 at 50% and 75%', url: 'sch', flag: 'schedule', label: 'Schedule', short: 'schedule ' },
  warmupEpochs: { kind: 'number', min: 0, max: 100, default: 0, why: 'the paper uses none', url: 'wu', flag: 'warmup', label: 'Warm-up (epochs)', short: 'warm-up ' },
  seed: { kind: 'int', min: 0, max: 2 ** 32 - 1, default: 0, why: 'any seed; it is always shown and shared', url: 's', flag: 'seed', label: 'Seed', short: 'seed ' },
  trainSize: { kind: 'int', min: 10, max: 50000, default: 50000, why: 'the full training set', url: 'tr', flag: 'train-size', label: 'Training images', short: 'train ' },
  testSize: { kind: 'int', min: 10, max: 10000, default: 10000, why: 'the full test set', url: 'te', flag: 'test-size', label: 'Test images', short: 'test ' },
  augment: { kind: 'bool', default: true, why: 'the paper crops and flips training images', url: 'aug', flag: 'augment', label: 'Augment (random crop + flip)', short: 'augment ' },
};

/** Every field, in table order. */
export const CONFIG_FIELD_NAMES = Object.keys(CONFIG_FIELDS) as ConfigField[];

export const DEFAULT_CONFIG: ExperimentConfig = Object.fromEntries(
  CONFIG_FIELD_NAMES.map((f) => [f, CONFIG_FIELDS[f].default]),
) as unknown as ExperimentConfig;

export const isConfigField = (f: string): f is ConfigField => Object.hasOwn(CONFIG_FIELDS, f);

/** One rejected field: which, what was given, the bare reason, and the reason with the field name. */
export interface ConfigIssue {
  field: string;
  value: unknown;
  /** Why, without the field's name ("15 is not of the form 6N+2"): for callers' own wording. */
  reason: string;
  /** `field: reason`. */
  message: string;
}

const issue = (field: string, value: unknown, reason: string): ConfigIssue => ({ field, value, reason, message: `${field}: ${reason}` });

/** Returns N for depth 6N+2, or null when the depth is not of that form. */
export function blocksPerStage(depth: number): number | null {
  return Number.isInteger(depth) && depth >= 8 && (depth - 2) % 6 === 0 ? (depth - 2) / 6 : null;
}

/** Why `value` is not allowed in a field described by `spec`, or null when it is. */
export function fieldValueProblem(spec: FieldSpec, value: unknown): string | null {
  if (spec.kind === 'bool') return typeof value === 'boolean' ? null : `expected true or false, got ${JSON.stringify(value)}`;
  if (spec.kind === 'enum') {
    return typeof value === 'string' && spec.values!.includes(value) ? null : `expected one of ${spec.values!.join(', ')}, got ${JSON.stringify(value)}`;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) return `expected a number, got ${JSON.stringify(value)}`;
  if (!Number.isFinite(value)) return `${value} is outside ${spec.min}…${spec.max}`;
  if (spec.kind === 'int' && !Number.isInteger(value)) return `expected a whole number, got ${value}`;
  if (value < spec.min! || value > spec.max!) return `${value} is outside ${spec.min}…${spec.max}`;
  return null;
}

/**
 * Validates a partial config over `base`. Unknown keys and bad values are reported (never
 * thrown) and the base value is kept for them, so callers can show what was ignored.
 */
export function validateConfig(input: Record<string, unknown>, base: ExperimentConfig = DEFAULT_CONFIG): {
  config: ExperimentConfig;
  issues: ConfigIssue[];
} {
  const config: ExperimentConfig = { ...base };
  const issues: ConfigIssue[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (!isConfigField(key)) {
      issues.push(issue(key, value, `unknown setting "${key}"`));
      continue;
    }
    const problem = fieldValueProblem(CONFIG_FIELDS[key], value);
    if (problem) issues.push(issue(key, value, problem));
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
  if (blocksPerStage(config.depth) === null) {
    issues.push(issue('depth', config.depth, `${config.depth} is not of the form 6N+2 (e.g. 14, 20, 32, 56, 110)`));
    config.depth = base.depth;
  }
  if (config.trainSize < config.batchSize) {
    issues.push(issue('batchSize', config.batchSize, `${config.batchSize} is larger than the training subset (${config.trainSize})`));
    config.batchSize = Math.min(base.batchSize, config.trainSize);
  }
  return { config, issues };
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
