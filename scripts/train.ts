/**
 * Headless training: `npm run train -- [options]` trains in Node (wasm, cpu as fallback) on
 * real CIFAR-10 and writes JSON lines (start, epoch…, done) to stdout or --out FILE.
 * `--summary` prints the parameter counts and exits without data.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { validateConfig, type ExperimentConfig } from '../src/core/config.ts';
import { partitionParams } from '../src/core/model/partition.ts';
import { buildResNetSpec, countParams, forwardMacs } from '../src/core/model/spec.ts';
import { Trainer } from '../src/core/train/trainer.ts';
import { loadCifarDir } from './lib/cifarFiles.ts';
import { useBackend, type NodeBackend } from './lib/nodeBackend.ts';

const USAGE = `Usage: npm run train -- [options]
  --depth N          6N+2 depth (14)            --width W        first-stage width (16)
  --mode M           all|bn|bn+output|output|gamma|beta|random-k|no-affine|frozen (bn)
  --k K              random-k weights per channel (2)
  --epochs E         epochs, may be fractional (160)   --batch B   batch size (128)
  --lr LR            peak learning rate (0.1)   --wd L           weight decay (1e-4)
  --wd-bn on|off     weight decay on BN γ, β (on)
  --gamma-init uniform|ones (uniform)           --schedule step|cosine (step)
  --warmup E         warm-up epochs (0)         --seed S         seed (0)
  --augment on|off   crop+flip (on)
  --train-size N     training images (50000)    --test-size N    test images (10000)
  --eval-every N     also evaluate every N steps
  --data DIR         cifar-10-batches-bin folder (default: $CIFAR10_DIR)
  --backend wasm|cpu|auto (auto)                --out FILE       write JSON lines to FILE
  --summary          print parameter counts and exit`;

const OPTIONS = {
  depth: { type: 'string' }, width: { type: 'string' }, mode: { type: 'string' }, k: { type: 'string' },
  epochs: { type: 'string' }, batch: { type: 'string' }, lr: { type: 'string' }, wd: { type: 'string' },
  'wd-bn': { type: 'string' }, 'gamma-init': { type: 'string' }, schedule: { type: 'string' },
  warmup: { type: 'string' }, seed: { type: 'string' }, augment: { type: 'string' },
  'train-size': { type: 'string' }, 'test-size': { type: 'string' }, 'eval-every': { type: 'string' },
  data: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' },
  summary: { type: 'boolean' }, help: { type: 'boolean' },
} as const;

/** CLI option → config field, with how to read the string. */
const FIELDS: [string, keyof ExperimentConfig, 'num' | 'str' | 'onoff'][] = [
  ['depth', 'depth', 'num'], ['width', 'width', 'num'], ['mode', 'mode', 'str'], ['k', 'k', 'num'],
  ['epochs', 'epochs', 'num'], ['batch', 'batchSize', 'num'], ['lr', 'lr', 'num'], ['wd', 'weightDecay', 'num'],
  ['wd-bn', 'wdOnBn', 'onoff'], ['gamma-init', 'gammaInit', 'str'], ['schedule', 'schedule', 'str'],
  ['warmup', 'warmupEpochs', 'num'], ['seed', 'seed', 'num'], ['augment', 'augment', 'onoff'],
  ['train-size', 'trainSize', 'num'], ['test-size', 'testSize', 'num'],
];

function fail(message: string): never {
  process.stderr.write(`train: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function readConfig(values: Record<string, string | boolean | undefined>): ExperimentConfig {
  const input: Record<string, unknown> = {};
  for (const [opt, field, kind] of FIELDS) {
    const v = values[opt];
    if (typeof v !== 'string') continue;
    if (kind === 'num') input[field] = v.trim() === '' ? NaN : Number(v);
    else if (kind === 'onoff') input[field] = v === 'on' ? true : v === 'off' ? false : `--${opt} ${v} (expected on or off)`;
    else input[field] = v;
  }
  const { config, issues } = validateConfig(input);
  if (issues.length) fail(issues.map((i) => `--${FIELDS.find((f) => f[1] === i.field)?.[0] ?? i.field}: ${i.message}`).join('\n'));
  return config;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false });
  } catch (e) {
    fail((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = readConfig(v);
  const spec = buildResNetSpec(config.depth, config.width);
  const counts = countParams(spec);
  const part = partitionParams(spec, config);
  const summary = { ...counts, trainable: part.trainable, macsPerImage: forwardMacs(spec), k: part.k || undefined };
  const out = v.out ? createWriteStream(v.out) : process.stdout;
  const emit = (o: object) => out.write(`${JSON.stringify(o)}\n`);
  if (v.summary) {
    emit({ type: 'summary', depth: config.depth, width: config.width, mode: config.mode, ...summary });
    return;
  }
  const backendArg = v.backend ?? 'auto';
  if (!['wasm', 'cpu', 'auto'].includes(backendArg)) fail(`--backend: expected wasm, cpu or auto, got "${backendArg}"`);
  const evalEvery = v['eval-every'] === undefined ? 0 : Number(v['eval-every']);
  if (!Number.isInteger(evalEvery) || evalEvery < 0) fail(`--eval-every: expected a whole number ≥ 0, got "${v['eval-every']}"`);
  const dir = v.data ?? process.env.CIFAR10_DIR;
  if (!dir) fail('no data: pass --data DIR (a cifar-10-batches-bin folder) or set CIFAR10_DIR');
  const backend = await useBackend(backendArg as NodeBackend | 'auto');
  process.stderr.write(`train: ${backend.note}; loading ${dir}\n`);
  const data = await loadCifarDir(dir).catch((e: Error) => fail(`cannot read CIFAR-10 from ${dir}: ${e.message}`));

  let images = 0;
  let trainMs = 0;
  const started = performance.now();
  const trainer = new Trainer(config, data, {
    onStep(m) {
      const n = m.steps * config.batchSize;
      images += n;
      trainMs += (n / m.imagesPerSecond) * 1000;
    },
    onEvaluated(m) {
      const epochEnd = m.step % trainer.stepsPerEpoch === 0 || m.step === trainer.totalSteps;
      emit({
        type: epochEnd ? 'epoch' : 'eval', epoch: Number(m.epoch.toFixed(4)), step: m.step, lr: trainer.lrAt(m.step - 1),
        trainLoss: m.trainLoss, trainAcc: m.trainAccuracy, testLoss: m.loss, testAcc: m.accuracy,
        gammaZeroFraction: m.bn.overall, deadReluFraction: m.deadRelu.overall,
        imagesPerSecond: trainMs ? (images * 1000) / trainMs : 0, seconds: (performance.now() - started) / 1000,
      });
      images = 0;
      trainMs = 0;
    },
  }, { evalEverySteps: evalEvery });
  emit({ type: 'start', backend: backend.name, config, ...summary, totalSteps: trainer.totalSteps, stepsPerEpoch: trainer.stepsPerEpoch });
  const res = await trainer.run();
  emit({
    type: 'done', status: res.status, steps: res.step, testAcc: res.lastEval?.accuracy, testLoss: res.lastEval?.loss,
    gammaZeroFraction: res.lastEval?.bn.overall, seconds: (performance.now() - started) / 1000,
  });
  trainer.dispose();
  if (out !== process.stdout) await new Promise<void>((r) => out.end(r));
}

main().catch((e: Error) => {
  process.stderr.write(`train: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
