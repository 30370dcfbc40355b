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
  readonly lossSum = tf.variable(tf.scalar(0), false);
  readonly correctSum = tf.variable(tf.scalar(0), false);
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

function lossAndCorrect(logits: tf.Tensor2D, labels: tf.Tensor1D): { loss: tf.Scalar; correct: tf.Scalar } {
  const loss = tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), logits) as tf.Scalar;
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32')) as tf.Scalar;
  return { loss, correct };
}

/** Runs `f` in its own engine scope and disposes everything it made, also when it throws. */
function scoped(f: () => void): void {
  tf.tidy(f);
}

/**
 * Forward, backward, SGD update and running-stat update for one batch. `x` is NHWC
 * float32, `labels` int32. Nothing is read back.
 */
export function trainStep(model: ResNet, opt: Sgd, x: tf.Tensor4D, labels: tf.Tensor1D, lr: number, acc: StepAccumulator): void {
  // Tensors kept past variableGrads' inner scope; disposed in `finally`, also on a throw.
  const kept: tf.Tensor[] = [];
  try {
    scoped(() => {
      let stats: Map<string, LayerBatchStats> | undefined;
      let logits: tf.Tensor2D | undefined;
      const forward = (): tf.Scalar => {
        const out = model.forwardTrain(x);
        stats = out.stats;
        logits = out.logits;
        for (const s of out.stats.values()) kept.push(tf.keep(s.mean), tf.keep(s.variance));
        kept.push(tf.keep(out.logits));
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
  } finally {
    tf.dispose(kept);
  }
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
