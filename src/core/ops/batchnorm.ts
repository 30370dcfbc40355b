/**
 * Batch normalisation, channels-last, with PyTorch semantics (eps 1e-5, biased batch variance
 * for normalising; the caller applies the unbiased correction to running stats if it wants).
 *
 * Owns: batchNormTrain (batch statistics, one fused custom gradient for x, gamma, beta) and
 * batchNormEval (running statistics). Imports only @tensorflow/tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';

/** PyTorch's default BatchNorm eps. */
export const BN_EPS = 1e-5;

/** Per-channel statistics of one batch over axes N, H, W. */
export interface BatchStats {
  /** Mean per channel, shape [C]. */
  mean: tf.Tensor1D;
  /** Biased (divide by N·H·W) variance per channel, shape [C]. */
  variance: tf.Tensor1D;
}

/**
 * Training-mode BN: y = gamma·x̂ + beta with x̂ = (x − mean)/sqrt(var + eps) from batch stats.
 * The returned stats are owned by the caller's scope like any op output (tf.keep() them to
 * outlive a tidy) and carry no gradient.
 */
export function batchNormTrain(
  x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = BN_EPS,
): { y: tf.Tensor4D; stats: BatchStats } {
  let mean: tf.Tensor1D | null = null;
  let variance: tf.Tensor1D | null = null;
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xIn, gIn, bIn] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const m = tf.moments(xIn, [0, 1, 2]);
    mean = tf.keep(m.mean as tf.Tensor1D);
    variance = tf.keep(m.variance as tf.Tensor1D);
    const invStd = tf.rsqrt(tf.add(m.variance, eps));
    const xhat = tf.mul(tf.sub(xIn, m.mean), invStd);
    save([xhat, invStd, gIn]);
    return {
      value: tf.add(tf.mul(xhat, gIn), bIn) as tf.Tensor4D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, is, g] = saved;
        const dBeta = tf.sum(dy, [0, 1, 2]);
        const dGamma = tf.sum(tf.mul(dy, xh), [0, 1, 2]);
        const n = dy.size / xIn.shape[3];
        const dx = tf.mul(
          tf.sub(tf.sub(dy, tf.div(dBeta, n)), tf.mul(xh, tf.div(dGamma, n))),
          tf.mul(g, is),
        );
        return [dx, dGamma, dBeta];
      },
    };
  });
  const y = f(x, gamma, beta) as tf.Tensor4D;
  return { y, stats: adopt(mean!, variance!) };
}

/** Re-own tensors kept inside the custom-gradient scope by the caller's current scope. */
function adopt(mean: tf.Tensor1D, variance: tf.Tensor1D): BatchStats {
  const stats = { mean: tf.clone(mean), variance: tf.clone(variance) };
  mean.dispose();
  variance.dispose();
  return stats;
}

/** Evaluation-mode BN with running statistics: y = gamma·(x − mean)/sqrt(var + eps) + beta. */
export function batchNormEval(
  x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D,
  runningMean: tf.Tensor1D, runningVar: tf.Tensor1D, eps = BN_EPS,
): tf.Tensor4D {
  return tf.batchNorm4d(x, runningMean, runningVar, beta, gamma, eps);
}
