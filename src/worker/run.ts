/**
 * One run inside the worker: drives a core Trainer and turns its callbacks into protocol
 * events — step points batched to a bounded rate and transferred, progress with phase,
 * images/s, ETA and throttling, periodic checkpoints taken at a step boundary (the trainer
 * is held while the variables are read, so a checkpoint is one consistent step), pause /
 * resume / stop / evaluate-now, and a visible, metrics-keeping end on failure.
 * Imports src/core and src/protocol only; no backend packages.
 */
import type { CifarDataset } from '../core/data/index.ts';
import { captureCheckpoint, encodeCheckpoint } from '../core/train/checkpoint.ts';
import { Trainer, type EvalMetrics, type StepMetrics, type TrainerOptions } from '../core/train/trainer.ts';
import {
  packStepPoints, toErrorData, type CheckpointEvent, type CheckpointPolicy, type ErrorData, type ErrorEvent, type EvalPoint,
  type ExperimentConfig, type FinishedEvent, type RunPhase, type StepPoint, type WorkerEvent,
} from '../protocol/messages.ts';
import { ThrottleDetector } from './throttle.ts';

export const DEFAULT_CHECKPOINTS: CheckpointPolicy = { everySteps: 200, everySeconds: 60 };

export interface RunSettings {
  checkpoints: CheckpointPolicy;
  evalEverySteps: number;
  /** Minimum ms between `step`/`progress` posts (200 → at most 10 messages/s for the pair). */
  flushIntervalMs: number;
  trainer: Pick<TrainerOptions, 'readIntervalMs' | 'bnIntervalMs'>;
  now: () => number;
  hidden: boolean;
  /** Awaited before a failing step is reported, so a device loss behind it is reported as one. */
  settle?: () => Promise<void>;
}

/** A Trainer that says when it evaluates (the loop calls `evaluateNow` for scheduled evaluations too). */
class ObservedTrainer extends Trainer {
  onEvaluating: (busy: boolean) => void = () => {};
  override async evaluateNow(): Promise<EvalMetrics> {
    this.onEvaluating(true);
    try {
      return await super.evaluateNow();
    } finally {
      this.onEvaluating(false);
    }
  }
}

function toEvalPoint(m: EvalMetrics): EvalPoint {
  return {
    step: m.step, epoch: m.epoch, loss: m.loss, accuracy: m.accuracy, trainLoss: m.trainLoss, trainAccuracy: m.trainAccuracy,
    confusion: m.confusion, predictions: m.predictions.slice(), deadRelu: m.deadRelu, bn: m.bn,
  };
}

export class RunSession {
  readonly trainer: ObservedTrainer;
  phase: RunPhase = 'starting';
  /** Set once `finished` was posted; later callbacks are ignored. */
  ended = false;
  /** How the run ended; null while it goes on. */
  status: FinishedEvent['status'] | null = null;
  lastCheckpointStep: number | null = null;
  private lastCheckpointAt: number;
  private readonly abort = new AbortController();
  private pending: StepPoint[] = [];
  private lastPost = -Infinity;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private userPaused = false;
  private capturing: Promise<void> | null = null;
  private checkpointWanted = false;
  private imagesPerSecond = 0;
  private firstStepMs: number | undefined;
  private readonly throttle = new ThrottleDetector();

  constructor(
    readonly runId: string,
    config: ExperimentConfig,
    data: CifarDataset,
    private readonly post: (e: WorkerEvent | WorkerEvent[]) => void,
    private readonly s: RunSettings,
  ) {
    this.trainer = new ObservedTrainer(config, data, {
      onStep: (m) => this.onStep(m),
      onEvaluated: (m) => !this.ended && this.post({ type: 'evaluated', runId, result: toEvalPoint(m) }),
      onBnStats: (step, bn) => !this.ended && this.post({ type: 'bnStats', runId, step, bn }),
    }, { ...s.trainer, evalEverySteps: s.evalEverySteps, signal: this.abort.signal });
    this.trainer.onEvaluating = (busy) => this.setPhase(busy ? 'evaluating' : this.userPaused ? 'paused' : this.isLive ? 'training' : this.phase);
    this.lastCheckpointAt = s.now();
    this.throttle.setHidden(s.hidden, this.lastCheckpointAt, 0);
  }

  /** True while the trainer loop may still take steps. */
  get isLive(): boolean {
    return !this.ended && !this.abort.signal.aborted && this.loopRunning;
  }
  private loopRunning = false;
  private disposed = false;

  /** For a model loaded to be evaluated only (`importCheckpoint`): no loop will run. */
  markImported(): void {
    this.phase = 'finished';
    this.ended = true;
  }

  /** Runs to the end; posts a final checkpoint and `finished`, or `error` + `finished` on failure. */
  async run(): Promise<void> {
    this.loopRunning = true;
    this.setPhase(this.userPaused ? 'paused' : 'warming-up');
    let status: 'completed' | 'stopped';
    try {
      status = (await this.trainer.run()).status;
    } catch (e) {
      this.loopRunning = false;
      await this.s.settle?.();
      if (this.ended) return; // ended as a device loss meanwhile
      this.fail('run', toErrorData(e), `Training failed at step ${this.trainer.step + 1}: ${(e as Error).message ?? e}`);
      return;
    }
    this.loopRunning = false;
    if (this.ended) return;
    await this.capturing;
    await this.checkpoint('final');
    this.finish(status);
  }

  private onStep(m: StepMetrics): void {
    if (this.ended) return;
    const now = this.s.now();
    if (m.firstStepMs !== undefined) this.firstStepMs = m.firstStepMs;
    this.imagesPerSecond = m.imagesPerSecond;
    this.throttle.observe(now, m.step);
    this.pending.push({ step: m.step, epoch: m.epoch, loss: m.loss, accuracy: m.accuracy, lr: m.lr, imagesPerSecond: m.imagesPerSecond });
    if (this.phase === 'warming-up') this.setPhase('training');
    else this.scheduleFlush();
    const c = this.s.checkpoints;
    const due = this.checkpointWanted
      || (c.everySteps > 0 && m.step - (this.lastCheckpointStep ?? 0) >= c.everySteps)
      || (c.everySeconds > 0 && now - this.lastCheckpointAt >= c.everySeconds * 1000);
    // Not after the last step: the final checkpoint follows the loop.
    if (due && !this.capturing && m.step < this.trainer.totalSteps) void this.checkpoint(this.checkpointWanted ? 'requested' : 'periodic');
  }

  /**
   * Reads the trainer's state at a step boundary. The trainer is paused first, so no step
   * changes a variable while its value is read; it resumes unless the user paused meanwhile.
   */
  private checkpoint(reason: CheckpointEvent['reason']): Promise<void> {
    this.checkpointWanted = false;
    this.trainer.pause();
    const p = (async () => {
      try {
        const ckpt = await captureCheckpoint(this.trainer);
        const bytes = encodeCheckpoint(ckpt);
        this.lastCheckpointStep = ckpt.step;
        this.lastCheckpointAt = this.s.now();
        if (!this.disposed) this.post({ type: 'checkpoint', runId: this.runId, step: ckpt.step, reason, bytes });
      } catch (e) {
        if (!this.disposed) this.postError('checkpoint', toErrorData(e));
      } finally {
        this.capturing = null;
        if (!this.userPaused) this.trainer.resume();
      }
    })();
    this.capturing = p;
    return p;
  }

  pause(): void {
    if (this.ended) return;
    this.userPaused = true;
    this.trainer.pause();
    this.setPhase('paused');
  }

  resume(): void {
    if (this.ended || !this.userPaused) return;
    this.userPaused = false;
    if (!this.capturing) this.trainer.resume();
    this.setPhase(this.loopRunning ? 'training' : this.phase);
  }

  stop(): void {
    if (this.ended) return;
    this.abort.abort();
    this.userPaused = false;
    if (!this.capturing) this.trainer.resume(); // wakes a paused loop, which sees the abort
    if (this.loopRunning) this.setPhase('stopping');
  }

  /** Evaluate now: at the next step boundary while training, at once when paused or finished. */
  async evaluate(): Promise<void> {
    if (this.loopRunning && !this.userPaused && !this.abort.signal.aborted) {
      this.trainer.requestEvaluation();
      return;
    }
    const m = await this.trainer.evaluateNow();
    this.post({ type: 'evaluated', runId: this.runId, result: toEvalPoint(m) });
  }

  /** A checkpoint now (paused / finished) or at the next read-back (training). */
  exportCheckpoint(): Promise<void> {
    if (this.loopRunning && !this.userPaused && !this.abort.signal.aborted) {
      this.checkpointWanted = true;
      return Promise.resolve();
    }
    return (this.capturing ?? Promise.resolve()).then(() => this.checkpoint('requested'));
  }

  setHidden(hidden: boolean): void {
    this.throttle.setHidden(hidden, this.s.now(), this.trainer.step);
  }

  /** Ends the run as failed, keeping every point measured so far. */
  fail(scope: ErrorEvent['scope'], error: ErrorData, message: string): void {
    if (this.ended) return;
    this.abort.abort();
    if (!this.capturing) this.trainer.resume();
    this.flush();
    this.postError(scope, error);
    const resume = this.lastCheckpointStep !== null
      ? `resume from the checkpoint at step ${this.lastCheckpointStep}`
      : 'no checkpoint was taken yet, so a new run starts from step 0';
    this.finish('failed', `${message}. The metrics up to step ${this.trainer.step} are kept; ${resume}.`);
  }

  private finish(status: FinishedEvent['status'], message?: string): void {
    this.setPhase('finished');
    this.ended = true;
    this.status = status;
    this.post({ type: 'finished', runId: this.runId, status, step: this.trainer.step, lastCheckpointStep: this.lastCheckpointStep, ...(message ? { message } : {}) });
  }

  private postError(scope: ErrorEvent['scope'], error: ErrorData): void {
    this.post({ type: 'error', runId: this.runId, scope, error });
  }

  private setPhase(phase: RunPhase): void {
    if (this.ended || phase === this.phase) return;
    this.phase = phase;
    this.flush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const wait = this.lastPost + this.s.flushIntervalMs - this.s.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  /** Posts pending step points and the progress, together in one message. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.ended) return;
    this.lastPost = this.s.now();
    const out: WorkerEvent[] = [];
    if (this.pending.length) {
      out.push({ type: 'step', runId: this.runId, points: packStepPoints(this.pending) });
      this.pending = [];
    }
    const t = this.trainer;
    const left = t.totalSteps - t.step;
    out.push({
      type: 'progress', runId: this.runId, phase: this.phase, step: t.step, totalSteps: t.totalSteps, epoch: t.step / t.stepsPerEpoch,
      imagesPerSecond: this.imagesPerSecond,
      etaSeconds: this.imagesPerSecond > 0 ? (left * t.config.batchSize) / this.imagesPerSecond : null,
      ...(this.firstStepMs !== undefined ? { firstStepMs: this.firstStepMs } : {}),
      ...(this.throttle.throttled ? { throttled: true } : {}),
    });
    this.post(out);
  }

  /** Frees the model and optimizer; safe to call twice and on a lost device. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.ended = true;
    this.abort.abort();
    try {
      this.trainer.dispose();
    } catch {
      // a lost WebGPU device may refuse to release buffers; the backend is replaced anyway
    }
  }
}
