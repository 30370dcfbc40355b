/**
 * The training loop with plain callbacks: fixed batch shapes, seeded data order and
 * augmentation (a function of seed and step, so a resumed run sees the same batches),
 * pause/resume, AbortSignal, "evaluate now", and read-backs at a bounded rate.
 * Last partial batch: filled from the start of the same epoch's order, so every step has
 * `batchSize` images and shaders compile once. Imports tfjs-core only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { PAPER_NORMALISATION, stepsPerEpoch, totalSteps, type ExperimentConfig } from '../config.ts';
import { epochOrder, fillBatch, labelsFor } from '../data/batches.ts';
import type { CifarSplit } from '../data/cifarRecords.ts';
import { selectBalancedSubset } from '../data/subset.ts';
import { buildResNet, type ResNet } from '../model/resnet.ts';
import { createRng } from '../rng.ts';
import type { BnSummary } from './bnMetrics.ts';
import { bnSummary, evaluate, type EvalResult } from './evaluate.ts';
import { lrAt } from './schedule.ts';
import { Sgd } from './sgd.ts';
import { assertGradientsRegistered, StepAccumulator, trainStep } from './step.ts';

/** Metrics since the previous step event. */
export interface StepMetrics {
  /** Steps completed so far (1-based count). */
  step: number;
  totalSteps: number;
  /** Fractional epochs completed. */
  epoch: number;
  lr: number;
  /** Mean training loss over the steps since the last event. */
  loss: number;
  /** Training accuracy (augmented batches) over the same steps. */
  accuracy: number;
  /** Steps this event summarises. */
  steps: number;
  imagesPerSecond: number;
  /** Wall time of the very first step including shader/kernel compilation (ms); set once. */
  firstStepMs?: number;
}

/** Results of one evaluation. */
export interface EvalMetrics extends EvalResult {
  step: number;
  epoch: number;
  /** Mean train loss/accuracy over the current epoch so far. */
  trainLoss: number;
  trainAccuracy: number;
  bn: BnSummary;
}

export interface TrainerCallbacks {
  onStep?(m: StepMetrics): void;
  onEvaluated?(m: EvalMetrics): void;
  /** BN summary between evaluations, at most every `bnIntervalMs`. */
  onBnStats?(step: number, bn: BnSummary): void;
}

export interface TrainerData {
  train: CifarSplit;
  test: CifarSplit;
}

export interface TrainerOptions {
  /** Minimum time between read-backs (ms). */
  readIntervalMs?: number;
  bnIntervalMs?: number;
  /** Evaluate every this many steps as well as at each epoch's end (0 = epoch ends only). */
  evalEverySteps?: number;
  signal?: AbortSignal;
}

export type RunOutcome = { status: 'completed' | 'stopped'; step: number; lastEval?: EvalMetrics };

export class Trainer {
  readonly model: ResNet;
  readonly opt: Sgd;
  readonly trainIdx: Uint32Array;
  readonly testIdx: Uint32Array;
  readonly totalSteps: number;
  readonly stepsPerEpoch: number;
  /** Steps completed. */
  step = 0;
  private paused = false;
  private resumeWaiters: (() => void)[] = [];
  private evalRequested = false;
  private epochLoss = 0;
  private epochCorrect = 0;
  private epochSteps = 0;

  constructor(
    readonly config: ExperimentConfig,
    readonly data: TrainerData,
    readonly callbacks: TrainerCallbacks = {},
    readonly options: TrainerOptions = {},
  ) {
    assertGradientsRegistered();
    this.trainIdx = selectBalancedSubset(data.train.labels, config.trainSize, config.seed);
    this.testIdx = selectBalancedSubset(data.test.labels, config.testSize, config.seed);
    this.stepsPerEpoch = stepsPerEpoch(config);
    this.totalSteps = totalSteps(config);
    this.model = buildResNet(config);
    this.opt = new Sgd(this.model, config);
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const w of this.resumeWaiters.splice(0)) w();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Evaluates at the next step boundary (or at once when paused, via `evaluateNow`). */
  requestEvaluation(): void {
    this.evalRequested = true;
  }

  lrAt(step: number): number {
    const c = this.config;
    return lrAt(step, { schedule: c.schedule, lr: c.lr, totalSteps: this.totalSteps, warmupSteps: Math.round(c.warmupEpochs * this.stepsPerEpoch) });
  }

  async evaluateNow(): Promise<EvalMetrics> {
    const res = await evaluate(this.model, this.data.test, this.testIdx, PAPER_NORMALISATION);
    return {
      ...res,
      step: this.step,
      epoch: this.step / this.stepsPerEpoch,
      trainLoss: this.epochSteps ? this.epochLoss / this.epochSteps : NaN,
      trainAccuracy: this.epochSteps ? this.epochCorrect / (this.epochSteps * this.config.batchSize) : NaN,
      bn: await bnSummary(this.model),
    };
  }

  /** Indices of the images in step `step`'s batch. */
  batchIndices(step: number, out: Uint32Array): void {
    const B = this.config.batchSize;
    const epoch = Math.floor(step / this.stepsPerEpoch);
    const order = this.orderFor(epoch);
    const start = (step % this.stepsPerEpoch) * B;
    for (let i = 0; i < B; i++) out[i] = this.trainIdx[order[(start + i) % order.length]];
  }

  private cachedOrder: { epoch: number; order: Uint32Array } | null = null;
  private orderFor(epoch: number): Uint32Array {
    if (this.cachedOrder?.epoch !== epoch) this.cachedOrder = { epoch, order: epochOrder(this.trainIdx.length, this.config.seed, epoch) };
    return this.cachedOrder.order;
  }

  async run(): Promise<RunOutcome> {
    const { config: c, options: o, callbacks: cb } = this;
    const B = c.batchSize;
    const acc = new StepAccumulator();
    const xBuf = new Float32Array(B * 32 * 32 * 3);
    const yBuf = new Int32Array(B);
    const idx = new Uint32Array(B);
    const readInterval = o.readIntervalMs ?? 250;
    let lastRead = performance.now();
    let lastBn = lastRead;
    let lastEval: EvalMetrics | undefined;
    let firstStepMs: number | undefined;
    try {
      while (this.step < this.totalSteps) {
        if (o.signal?.aborted) return { status: 'stopped', step: this.step, lastEval };
        if (this.paused) await new Promise<void>((r) => this.resumeWaiters.push(r));
        if (o.signal?.aborted) return { status: 'stopped', step: this.step, lastEval };
        const t0 = performance.now();
        const lr = this.lrAt(this.step);
        this.batchIndices(this.step, idx);
        fillBatch(this.data.train, idx, xBuf, { augment: c.augment, rng: createRng(c.seed, `aug:${this.step}`), ...PAPER_NORMALISATION });
        labelsFor(this.data.train, idx, yBuf);
        const x = tf.tensor4d(xBuf, [B, 32, 32, 3]);
        const y = tf.tensor1d(yBuf, 'int32');
        try {
          trainStep(this.model, this.opt, x, y, lr, acc);
        } finally {
          tf.dispose([x, y]);
        }
        this.step++;
        const epochEnd = this.step % this.stepsPerEpoch === 0 || this.step === this.totalSteps;
        const now = performance.now();
        if (firstStepMs === undefined || epochEnd || now - lastRead >= readInterval) {
          const r = await acc.drain();
          const end = performance.now();
          if (firstStepMs === undefined) firstStepMs = end - t0;
          this.epochLoss += r.lossSum;
          this.epochCorrect += r.correct;
          this.epochSteps += r.steps;
          cb.onStep?.({
            step: this.step, totalSteps: this.totalSteps, epoch: this.step / this.stepsPerEpoch, lr,
            loss: r.lossSum / r.steps, accuracy: r.correct / (r.steps * B), steps: r.steps,
            imagesPerSecond: (r.steps * B * 1000) / Math.max(end - (this.step === r.steps ? t0 : lastRead), 1e-3),
            firstStepMs: this.step === 1 ? firstStepMs : undefined,
          });
          lastRead = end;
        }
        const evalDue = o.evalEverySteps ? this.step % o.evalEverySteps === 0 : false;
        if (epochEnd || evalDue || this.evalRequested) {
          this.evalRequested = false;
          lastEval = await this.evaluateNow();
          cb.onEvaluated?.(lastEval);
          lastBn = performance.now();
          lastRead = lastBn;
          if (this.step % this.stepsPerEpoch === 0) this.epochLoss = this.epochCorrect = this.epochSteps = 0;
        } else if (cb.onBnStats && performance.now() - lastBn >= (o.bnIntervalMs ?? 2000)) {
          cb.onBnStats(this.step, await bnSummary(this.model));
          lastBn = performance.now();
        }
        // Let messages (pause, stop) in between steps.
        await new Promise((r) => setTimeout(r, 0));
      }
      return { status: 'completed', step: this.step, lastEval };
    } finally {
      acc.dispose();
    }
  }

  dispose(): void {
    this.opt.dispose();
    this.model.dispose();
  }
}
