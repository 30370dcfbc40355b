/**
 * The benchmark loop: times the core training step (`trainStep`: forward, backward, SGD,
 * running statistics) for several configurations side by side on the active backend.
 * Shared by the worker's `benchmark` command (`npm run bench`, headless Chromium) and by
 * `npm run bench:node`, so both measure exactly the same thing.
 *
 * How a step is timed: upload a batch (as the Trainer does each step), `trainStep`, then
 * read back the loss sum and the last BN layer's running variance — the very last thing a
 * step writes — so the time includes all the device work the step queued. Cases are warmed
 * up one after the other, then their timed steps alternate round-robin, so a machine that
 * slows down mid-run slows every case alike and their ratios hold.
 *
 * Inputs are random (seeded): N(0,1) pixels, uniform labels; speed does not depend on them.
 * Imports tfjs-core, src/core and protocol types; no backend packages.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config.ts';
import { buildResNet, type ResNet } from '../core/model/resnet.ts';
import { forwardMacs } from '../core/model/spec.ts';
import { createRng } from '../core/rng.ts';
import { Sgd } from '../core/train/sgd.ts';
import { StepAccumulator, trainStep } from '../core/train/step.ts';
import {
  toErrorData, type BenchCase, type BenchCaseResult, type BenchOptions, type KernelTime, type StepProfile,
} from '../protocol/messages.ts';

export interface BenchHooks {
  /** Clock in ms (default performance.now). */
  now?: () => number;
  /** Called after every step. */
  onProgress?: (p: { caseIndex: number; phase: 'warm-up' | 'timed' | 'profile'; step: number; stepMs: number }) => void;
  /** Why the active backend cannot run a case (a missing kernel), or null when it can. */
  unsupported?: (c: BenchCase) => string | null;
}

/** A case's live objects while it is measured. */
interface CaseState {
  index: number;
  config: ExperimentConfig;
  model: ResNet;
  opt: Sgd;
  acc: StepAccumulator;
  x: Float32Array;
  y: Int32Array;
  /** The last value `trainStep` writes; reading it back waits for the whole step. */
  last: tf.Variable;
  lossSum: number;
  timedMs: number;
  result: BenchCaseResult;
}

/** A case as a full experiment config (defaults for everything the step does not use). */
export function benchConfig(c: BenchCase, seed: number): ExperimentConfig {
  return { ...DEFAULT_CONFIG, depth: c.depth, width: c.width, mode: c.mode, batchSize: c.batchSize, seed, trainSize: Math.max(c.batchSize, 10) };
}

/** Sums a tf.profile kernel list per kernel name, slowest first; non-kernels (named scopes) are dropped by `isKernel`. */
export function aggregateKernels(
  kernels: readonly { name: string; kernelTimeMs: unknown }[],
  isKernel: (name: string) => boolean,
): { kernels: KernelTime[]; timed: boolean } {
  const by = new Map<string, KernelTime>();
  let timed = false;
  for (const k of kernels) {
    if (!isKernel(k.name)) continue;
    const ms = typeof k.kernelTimeMs === 'number' && Number.isFinite(k.kernelTimeMs) ? k.kernelTimeMs : 0;
    if (ms > 0) timed = true;
    const row = by.get(k.name) ?? { name: k.name, totalMs: 0, count: 0 };
    row.totalMs += ms;
    row.count++;
    by.set(k.name, row);
  }
  const out = [...by.values()].sort((a, b) => b.totalMs - a.totalMs || b.count - a.count || a.name.localeCompare(b.name));
  return { kernels: out, timed };
}

function emptyResult(c: BenchCase): BenchCaseResult {
  return {
    case: { ...c }, trainableParams: 0, macsPerImage: 0, warmupMs: [], stepMs: [], stoppedBy: 'steps',
    tensorsBefore: 0, tensorsAfter: 0, bytesBefore: 0, bytesAfter: 0, lastLoss: NaN,
  };
}

function setUp(c: BenchCase, index: number, seed: number): CaseState {
  const config = benchConfig(c, seed);
  const model = buildResNet(config);
  const opt = new Sgd(model, config);
  const acc = new StepAccumulator();
  const rng = createRng(seed, `bench:${index}`);
  const x = new Float32Array(c.batchSize * 32 * 32 * 3);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Int32Array(c.batchSize);
  for (let i = 0; i < y.length; i++) y[i] = rng.int(10);
  const running = [...model.running.values()];
  const result = emptyResult(c);
  result.trainableParams = opt.slots.reduce((n, s) => n + s.param.size, 0);
  result.macsPerImage = forwardMacs(model.spec);
  return { index, config, model, opt, acc, x, y, last: running[running.length - 1].variance, lossSum: 0, timedMs: 0, result };
}

function tearDown(s: CaseState): void {
  s.acc.dispose();
  s.opt.dispose();
  s.model.dispose();
}

/** One step, timed from the upload to the read-back; records the tensor/byte change it made. */
async function timedStep(s: CaseState, now: () => number): Promise<number> {
  const B = s.config.batchSize;
  const m0 = tf.memory();
  const t0 = now();
  const x = tf.tensor4d(s.x, [B, 32, 32, 3]);
  const y = tf.tensor1d(s.y, 'int32');
  try {
    trainStep(s.model, s.opt, x, y, s.config.lr, s.acc);
  } finally {
    tf.dispose([x, y]);
  }
  const [loss] = await Promise.all([s.acc.lossSum.data(), s.last.data()]);
  const ms = now() - t0;
  const m1 = tf.memory();
  s.result.tensorsAfter += m1.numTensors - m0.numTensors;
  s.result.bytesAfter += m1.numBytes - m0.numBytes;
  s.result.lastLoss = loss[0] - s.lossSum;
  s.lossSum = loss[0];
  return ms;
}

async function profileStep(s: CaseState, now: () => number): Promise<StepProfile> {
  const backend = tf.getBackend();
  const t0 = now();
  const info = await tf.profile(async () => {
    await timedStep(s, now);
  });
  const wallMs = now() - t0;
  const agg = aggregateKernels(info.kernels, (name) => tf.getKernel(name, backend) != null);
  return { wallMs, ...agg };
}

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

/**
 * Measures every case on the active backend and frees everything it made. A case that
 * cannot run or throws gets `error` and the others go on.
 */
export async function runBenchmark(cases: readonly BenchCase[], opts: BenchOptions, hooks: BenchHooks = {}): Promise<BenchCaseResult[]> {
  const now = hooks.now ?? (() => performance.now());
  const report = hooks.onProgress ?? (() => {});
  const results = cases.map(emptyResult);
  const live: CaseState[] = [];
  const fail = (s: CaseState, e: unknown) => {
    s.result.error = toErrorData(e);
    s.result.stoppedBy = 'error';
    tearDown(s);
    live.splice(live.indexOf(s), 1);
  };
  try {
    cases.forEach((c, i) => {
      const why = hooks.unsupported?.(c) ?? null;
      if (why) {
        results[i].error = { name: 'UnsupportedError', message: why };
        results[i].stoppedBy = 'error';
        return;
      }
      const s = setUp(c, i, opts.seed);
      results[i] = s.result;
      live.push(s);
    });
    // Warm-up, one case after the other (compilation is a one-off per case).
    for (const s of [...live]) {
      const m = tf.memory();
      s.result.tensorsBefore = s.result.tensorsAfter = m.numTensors;
      s.result.bytesBefore = s.result.bytesAfter = m.numBytes;
      try {
        for (let i = 0; i < opts.warmupSteps; i++) {
          const ms = await timedStep(s, now);
          s.result.warmupMs.push(ms);
          report({ caseIndex: s.index, phase: 'warm-up', step: i + 1, stepMs: ms });
          await yieldToEvents();
        }
      } catch (e) {
        fail(s, e);
      }
    }
    // Timed steps, round-robin over the cases still going.
    const active = new Set(live);
    for (let i = 0; i < opts.steps && active.size; i++) {
      for (const s of [...active]) {
        if (opts.maxSeconds > 0 && i > 0 && s.timedMs >= opts.maxSeconds * 1000) {
          s.result.stoppedBy = 'time';
          active.delete(s);
          continue;
        }
        try {
          const ms = await timedStep(s, now);
          s.timedMs += ms;
          s.result.stepMs.push(ms);
          report({ caseIndex: s.index, phase: 'timed', step: i + 1, stepMs: ms });
        } catch (e) {
          active.delete(s);
          fail(s, e);
        }
        await yieldToEvents();
      }
    }
    if (opts.profile) {
      for (const s of [...live]) {
        try {
          s.result.profile = await profileStep(s, now);
          report({ caseIndex: s.index, phase: 'profile', step: 1, stepMs: s.result.profile.wallMs });
        } catch (e) {
          fail(s, e);
        }
      }
    }
    return results;
  } finally {
    for (const s of live) tearDown(s);
  }
}
