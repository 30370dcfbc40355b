/**
 * Headless training: `npm run train -- [options]` trains in Node (wasm, cpu as fallback) on
 * real CIFAR-10 and writes JSON lines (start, epoch…, done) to stdout or --out FILE.
 * `--summary` prints the parameter counts and exits without data. The config flags and
 * their help come from the config table (scripts/lib/configArgs.ts).
 */
import { createWriteStream, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configUsageLines } from '../src/core/fieldText.ts';
import { partitionParams } from '../src/core/model/partition.ts';
import { buildResNetSpec, countParams, forwardMacs } from '../src/core/model/spec.ts';
import { Trainer } from '../src/core/train/trainer.ts';
import { loadCifarDir } from './lib/cifarFiles.ts';
import { CONFIG_OPTIONS, readConfigFlags, UsageError } from './lib/configArgs.ts';
import { useBackend, type NodeBackend } from './lib/nodeBackend.ts';

const USAGE = [
  'Usage: npm run train -- [options]',
  ...configUsageLines(),
  '  --eval-every N       also evaluate every N steps',
  '  --data DIR           cifar-10-batches-bin folder (default: $CIFAR10_DIR)',
  '  --backend B          wasm|cpu|auto (auto)',
  '  --out FILE           write the JSON lines to FILE instead of stdout',
  '  --summary            print parameter counts and exit',
].join('\n');

const OPTIONS = {
  ...CONFIG_OPTIONS,
  'eval-every': { type: 'string' }, data: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' },
  summary: { type: 'boolean' }, help: { type: 'boolean' },
} as const;

function fail(message: string): never {
  process.stderr.write(`train: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let config;
  try {
    config = readConfigFlags(v);
  } catch (e) {
    if (e instanceof UsageError) fail(e.message);
    throw e;
  }
  const spec = buildResNetSpec(config.depth, config.width);
  const counts = countParams(spec);
  const part = partitionParams(spec, config);
  const summary = { ...counts, trainable: part.trainable, macsPerImage: forwardMacs(spec), k: part.k || undefined };
  const outPath = typeof v.out === 'string' ? resolve(v.out) : null;
  if (outPath && !existsSync(dirname(outPath))) fail(`--out: the folder ${dirname(outPath)} does not exist`);
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  const emit = (o: object) => out.write(`${JSON.stringify(o)}\n`);
  if (v.summary) {
    emit({ type: 'summary', depth: config.depth, width: config.width, mode: config.mode, ...summary });
    return;
  }
  const backendArg = typeof v.backend === 'string' ? v.backend : 'auto';
  if (!['wasm', 'cpu', 'auto'].includes(backendArg)) fail(`--backend: expected wasm, cpu or auto, got "${backendArg}"`);
  const everyText = typeof v['eval-every'] === 'string' ? v['eval-every'] : '0';
  const evalEvery = /^\d+$/.test(everyText) ? Number(everyText) : NaN;
  if (!Number.isSafeInteger(evalEvery)) fail(`--eval-every: expected a whole number ≥ 0, got "${everyText}"`);
  const dir = typeof v.data === 'string' ? v.data : process.env.CIFAR10_DIR;
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
