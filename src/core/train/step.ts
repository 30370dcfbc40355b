/**
 * One training step and one evaluation batch. The step runs inside a scope that is closed
 * whether it succeeds or throws, so a failing step leaks nothing. Loss and correct counts
 * accumulate on the device (no host sync); the trainer reads them back at a bounded rate.
 * Imports tfjs-core only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { updateRunningStats, type LayerBatchStats, type ResNet, type ReluProbe } from '../model/resnet.ts';
import type { Sgd } from './sgd.ts';

/** Device-side running sums since the last read-back. */
export class StepAccumulator {
  // tidy frees the initial scalars; tf.variable(t) alone would keep `t` alive forever.
  readonly lossSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
  readonly correctSum = tf.tidy(() => tf.variable(tf.scalar(0), false));
  steps = 0;

  add(loss: tf.Scalar, correct: tf.Scalar): void {
    this.lossSum.assign(tf.add(this.lossSum, loss));
    this.correctSum.assign(tf.add(this.correctSum, correct));
    this.steps++;
  }

  /** Reads and resets: mean loss per step and total correct since the last drain. */
  async drain(): Promise<{ steps: number; lossSum: number; correct: number }> {
    const steps = this.steps;
    const [l, c] = await Promise.all([this.lossSum.data(), this.correctSum.data()]);
    tf.tidy(() => {
      this.lossSum.assign(tf.scalar(0));
      this.correctSum.assign(tf.scalar(0));
    });
    this.steps = 0;
    return { steps, lossSum: l[0], correct: c[0] };
  }

  dispose(): void {
    this.lossSum.dispose();
    this.correctSum.dispose();
  }
}

/**
 * tfjs-core registers no gradients by itself. Entry points (worker, Node scripts, the test
 * setup) import '@tensorflow/tfjs-core/dist/register_all_gradients' once; Node needs it
 * loaded through require (see scripts/lib/nodeBackend.ts), so the core does not import it.
 */
export function assertGradientsRegistered(): void {
  if (!tf.getGradient('RealDiv')) {
    throw new Error("tfjs gradients are not registered: import '@tensorflow/tfjs-core/dist/register_all_gradients' in the entry point");
  }
}

function lossAndCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Scalar; correct: tf.Scalar } {
  const loss = tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), logits) as tf.Scalar;
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
  return { loss, correct };
}

/**
 * Runs `f` in a tidy scope and also disposes every tensor `keep()`-ed inside it. tidy alone
 * is not enough: customGrad keeps the tensors its gradient needs, and when a step throws
 * before the backward pass those would leak. So keep() is observed for the step's duration.
 */
function scopedStep(f: () => void): void {
  const engine = tf.engine();
  const keep = engine.keep;
  const kept: tf.Tensor[] = [];
  engine.keep = <T extends tf.Tensor>(t: T): T => {
    kept.push(t);
    return keep.call(engine, t) as T;
  };
  try {
    tf.tidy(f);
  } finally {
    engine.keep = keep;
    tf.dispose(kept);
  }
}

/**
 * Forward, backward, SGD update and running-stat update for one batch. `x` is NHWC
 * float32, `labels` int32. Nothing is read back.
 */
export function trainStep(model: ResNet, opt: Sgd, x: tf.Tensor4D, labels: tf.Tensor1D, lr: number, acc: StepAccumulator): void {
  scopedStep(() => {
    let stats: Map<string, LayerBatchStats> | undefined;
    let logits: tf.Tensor2D | undefined;
    const forward = (): tf.Scalar => {
      const out = model.forwardTrain(x);
      stats = out.stats;
      // Escape variableGrads' inner scope; scopedStep disposes them.
      for (const s of out.stats.values()) {
        tf.keep(s.mean);
        tf.keep(s.variance);
      }
      logits = tf.keep(out.logits);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), out.logits) as tf.Scalar;
    };
    if (opt.slots.length === 0) {
      acc.add(forward(), lossAndCorrect(logits!, labels).correct);
    } else {
      const { value, grads } = tf.variableGrads(forward, opt.variables);
      opt.apply(grads, lr);
      acc.add(value, lossAndCorrect(logits!, labels).correct);
    }
    updateRunningStats(model, stats!);
  });
}

/** Evaluation outputs for one batch, all on the device. */
export interface EvalBatch {
  lossSum: tf.Scalar;
  predictions: tf.Tensor1D;
}

/** Evaluation forward with running statistics; `valid` rows (from the top) count. */
export function evalBatch(model: ResNet, x: tf.Tensor4D, labels: tf.Tensor1D, valid: number, probe?: ReluProbe): EvalBatch {
  return tf.tidy(() => {
    const logits = model.forwardEval(x, probe);
    const rows = valid < x.shape[0] ? tf.slice(logits, [0, 0], [valid, 10]) : logits;
    const lab = valid < x.shape[0] ? tf.slice(labels, [0], [valid]) : labels;
    const losses = tf.losses.softmaxCrossEntropy(tf.oneHot(lab, 10), rows, undefined, undefined, tf.Reduction.NONE);
    return { lossSum: tf.sum(losses) as tf.Scalar, predictions: tf.argMax(rows, 1) as tf.Tensor1D };
  });
}
