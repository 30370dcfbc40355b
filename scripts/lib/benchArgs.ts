/**
 * Command-line options of the two benchmarks (`npm run bench`, `npm run bench:node`): one
 * table of flags, defaults with their reason, and one pure parser that names the flag and
 * the value it rejects. The cases are the product depth × batch × mode, mode innermost so
 * that the `bn` and `all` runs of a model sit side by side. Depth, width, mode and batch are
 * read and bounded by the config table, like everywhere else.
 */
import { parseArgs } from 'node:util';
import { CONFIG_FIELDS, validateConfig, type FieldValue, type FreezeMode } from '../../src/core/config.ts';
import { parseFieldText } from '../../src/core/fieldText.ts';
import type { BenchCase, BenchOptions } from '../../src/protocol/messages.ts';
import { UsageError } from './configArgs.ts';

export { UsageError };

export type BenchTool = 'node' | 'browser';

/** Backends each tool can measure, in the order they are run. */
export const TOOL_BACKENDS: Record<BenchTool, readonly string[]> = {
  node: ['wasm', 'cpu', 'webgpu'],
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
};

export interface BenchArgs {
  cases: BenchCase[];
  options: BenchOptions;
  /** Backends to measure, in run order. */
  backends: string[];
  /** Browser: also measure WebGPU when its only adapter is software (SwiftShader). */
  allowSoftwareWebgpu: boolean;
  /** Browser: run `vite build` first (off with --no-build to reuse the last build). */
  build: boolean;
  /** Browser: seconds one backend may take in all before its page is closed. */
  backendTimeoutS: number;
  /** JSON output path; default bench/results/<tool>-<time>.json. */
  out?: string;
  /** A PyTorch reference JSON line file (bench/reference) to compare with. */
  reference?: string;
  quick: boolean;
  help: boolean;
}

const FLAGS = {
  depth: { type: 'string' }, width: { type: 'string' }, mode: { type: 'string' }, batch: { type: 'string' },
  steps: { type: 'string' }, warmup: { type: 'string' }, 'max-seconds': { type: 'string' }, seed: { type: 'string' },
  backends: { type: 'string' }, webgpu: { type: 'boolean' }, profile: { type: 'boolean' }, quick: { type: 'boolean' },
  'allow-software-webgpu': { type: 'boolean' }, 'no-build': { type: 'boolean' }, 'backend-timeout': { type: 'string' },
  out: { type: 'string' }, reference: { type: 'string' }, help: { type: 'boolean' },
} as const;

/** Defaults, with the reason for each. */
export const BENCH_DEFAULTS = {
  depths: [14, 32], // the issue's set: the smallest paper depth and a deeper one
  width: 16, // the standard CIFAR ResNet
  modes: ['bn', 'all'] as FreezeMode[], // the paper's condition and its baseline
  batches: [128], // the paper's batch
  steps: 10, // enough for a median on a noisy machine
  warmupSteps: 1, // the first step compiles shaders; one more adds little on CPU backends
  maxSeconds: 60, // keeps emulated GPUs and the cpu backend from taking hours
  seed: 0,
  backendTimeoutS: 1800,
};

/** `--quick`: a smoke run that exercises every path in seconds (ResNet-8, batch 16, 2 steps). */
export const QUICK = { depths: [8], batches: [16], steps: 2, warmupSteps: 1, maxSeconds: 30 };

export const USAGE: Record<BenchTool, string> = {
  node: `Usage: npm run bench:node -- [options]
  --depth 14,32        depths 6N+2 (14,32)          --width W      first-stage width (16)
  --mode bn,all        modes to compare (bn,all)    --batch 128    batch sizes (128)
  --steps N            timed steps per config (10)  --warmup N     warm-up steps (1)
  --max-seconds S      stop a config's timed steps after S s (60; 0 = no cap)
  --backends wasm,cpu  Node backends: wasm, cpu, webgpu (wasm)
  --webgpu             also WebGPU through the \`webgpu\` package (Dawn): npm i webgpu@0.6
  --profile            per-kernel time of one more step (tf.profile), top 20
  --quick              ResNet-8, batch 16, 2 steps: a smoke run
  --reference FILE     PyTorch reference output (bench/reference) to give a ratio
  --seed S             seed of inputs and initialisation (0)
  --out FILE           JSON output (bench/results/bench-node-<time>.json)`,
  browser: `Usage: npm run bench -- [options]
  --depth 14,32        depths 6N+2 (14,32)          --width W      first-stage width (16)
  --mode bn,all        modes to compare (bn,all)    --batch 128    batch sizes (128)
  --steps N            timed steps per config (10)  --warmup N     warm-up steps (1)
  --max-seconds S      stop a config's timed steps after S s (60; 0 = no cap)
  --backends LIST      webgpu,webgl,wasm,cpu (all; each only where the browser has it)
  --allow-software-webgpu  measure WebGPU on a software adapter (SwiftShader) too;
                       naming webgpu in --backends or --quick does the same
  --backend-timeout S  close a backend's page after S s in all (1800)
  --profile            per-kernel time of one more step (tf.profile), top 20
  --quick              ResNet-8, batch 16, 2 steps: a smoke run
  --no-build           reuse the last build of the bench page
  --seed S             seed of inputs and initialisation (0)
  --out FILE           JSON output (bench/results/bench-browser-<time>.json)`,
};

function list(flag: string, v: string): string[] {
  const items = v.split(',').map((s) => s.trim()).filter((s) => s);
  if (items.length === 0) throw new UsageError(`--${flag}: expected a comma-separated list, got ${JSON.stringify(v)}`);
  return items;
}

/** One value of a config field, checked by the table (and the 6N+2 rule for depth). */
function field(f: 'depth' | 'width' | 'mode' | 'batchSize', v: string): FieldValue {
  const flag = CONFIG_FIELDS[f].flag;
  const r = parseFieldText(CONFIG_FIELDS[f], v);
  if ('reason' in r) throw new UsageError(`--${flag}: ${r.reason}`);
  const issue = validateConfig({ [f]: r.value, trainSize: CONFIG_FIELDS.trainSize.max }).issues[0];
  if (issue) throw new UsageError(`--${flag}: ${issue.reason}`);
  return r.value;
}

function int(flag: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isInteger(n)) throw new UsageError(`--${flag}: expected a whole number, got ${JSON.stringify(v)}`);
  if (n < min || n > max) throw new UsageError(`--${flag}: ${n} is outside ${min}…${max}`);
  return n;
}

function num(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < min) throw new UsageError(`--${flag}: expected a number ≥ ${min}, got ${JSON.stringify(v)}`);
  return n;
}

/** Parses argv (without node and the script) for `tool`. Throws UsageError. */
export function parseBenchArgs(argv: readonly string[], tool: BenchTool): BenchArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const only = (k: string, t: BenchTool) => {
    if (values[k] !== undefined && tool !== t) throw new UsageError(`--${k} is an option of the ${t === 'node' ? 'bench:node' : 'bench'} tool only`);
  };
  only('webgpu', 'node');
  only('reference', 'node');
  only('allow-software-webgpu', 'browser');
  only('no-build', 'browser');
  only('backend-timeout', 'browser');

  const quick = values.quick === true;
  const base = quick ? { ...BENCH_DEFAULTS, ...QUICK } : BENCH_DEFAULTS;

  const depths = str('depth') ? list('depth', str('depth')!).map((d) => field('depth', d) as number) : base.depths;
  const modes = str('mode') ? list('mode', str('mode')!).map((m) => field('mode', m) as FreezeMode) : base.modes;
  const batches = str('batch') ? list('batch', str('batch')!).map((b) => field('batchSize', b) as number) : base.batches;
  const width = str('width') ? (field('width', str('width')!) as number) : base.width;

  const allowed = TOOL_BACKENDS[tool];
  const named = str('backends') ? list('backends', str('backends')!) : null;
  for (const b of named ?? []) if (!allowed.includes(b)) throw new UsageError(`--backends: ${JSON.stringify(b)} is not one of ${allowed.join(', ')}`);
  let backends = named ?? (tool === 'node' ? ['wasm'] : [...allowed]);
  if (values.webgpu === true && !backends.includes('webgpu')) backends = [...backends, 'webgpu'];
  backends = allowed.filter((b) => backends.includes(b)); // run order, no duplicates

  const cases: BenchCase[] = [];
  for (const depth of depths) for (const batchSize of batches) for (const mode of modes) cases.push({ depth, width, mode, batchSize });

  const options: BenchOptions = {
    warmupSteps: str('warmup') ? int('warmup', str('warmup')!, 1, 100) : base.warmupSteps,
    steps: str('steps') ? int('steps', str('steps')!, 1, 100000) : base.steps,
    maxSeconds: str('max-seconds') ? num('max-seconds', str('max-seconds')!, 0) : base.maxSeconds,
    profile: values.profile === true,
    seed: str('seed') ? int('seed', str('seed')!, 0, 2 ** 32 - 1) : base.seed,
  };
  return {
    cases, options, backends,
    allowSoftwareWebgpu: values['allow-software-webgpu'] === true || quick || (named?.includes('webgpu') ?? false),
    build: values['no-build'] !== true,
    backendTimeoutS: str('backend-timeout') ? num('backend-timeout', str('backend-timeout')!, 1) : base.backendTimeoutS,
    out: str('out'), reference: str('reference'), quick, help: values.help === true,
  };
}

/**
 * The command line of `tool`, or the process ends: usage on stdout for --help (exit 0), the
 * problem and usage on stderr for a bad flag (exit 2). For the scripts' entry points.
 */
export function benchArgsOrExit(tool: BenchTool, command: string): BenchArgs {
  try {
    const a = parseBenchArgs(process.argv.slice(2), tool);
    if (a.help) {
      process.stdout.write(`${USAGE[tool]}\n`);
      process.exit(0);
    }
    return a;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${command}: ${e.message}\n\n${USAGE[tool]}\n`);
    process.exit(2);
  }
}
