/**
 * Batch normalisation, channels-last, with PyTorch semantics: eps 1e-5, normalise with the
 * biased batch variance (the caller applies any unbiased correction to its running stats).
 *
 * Owns: batchNormTrain (batch statistics; one fused custom gradient for x, gamma, beta) and
 * batchNormEval (running statistics). Imports only @tensorflow/tfjs-core.
 *
 * Shaped for the wasm backend (measured in bench/ops): means over N, H, W are an avgPool over
 * the whole H×W image then a mean over N (~10x faster than tf.sum/tf.mean over axes [0, 1, 2],
 * which transpose first; a matMul with a row of ones is slower still because XNNPACK repacks
 * the activation as weights on every call), and per-channel broadcasts run on an [N·H, W·C]
 * view against the channel vector tiled W times (a short inner dimension C makes broadcasting
 * ~6x slower; the fused tf.batchNorm kernel is slower still).
 */
import * as tf from '@tensorflow/tfjs-core';

/** PyTorch's default BatchNorm eps. */
export const BN_EPS = 1e-5;

/** Per-channel statistics of one batch over axes N, H, W. */
export interface BatchStats {
  /** Mean per channel, shape [C]. */
  mean: tf.Tensor1D;
  /** Biased (divided by N·H·W) variance per channel, shape [C]. */
  variance: tf.Tensor1D;
}

/** Views of an NHWC tensor and helpers for per-channel vectors held as [1, C]. */
class ChannelView {
  /** N·H: rows of the wide view. */
  readonly rows: number;
  /** N·H·W: elements per channel. */
  readonly count: number;
  constructor(readonly shape: [number, number, number, number]) {
    this.rows = shape[0] * shape[1];
    this.count = this.rows * shape[2];
  }
  /** [N·H, W·C]: the layout for per-channel broadcasts. */
  wide(t: tf.Tensor): tf.Tensor2D {
    return tf.reshape(t, [this.rows, this.shape[2] * this.shape[3]]);
  }
  /** A [1, C] (or [C]) vector repeated W times to [1, W·C], to broadcast against wide(). */
  tiled(v: tf.Tensor): tf.Tensor2D {
    return tf.tile(tf.reshape(v, [1, this.shape[3]]), [1, this.shape[2]]);
  }
  /** Mean over N, H, W of an NHWC (or wide) tensor, as [1, C]. */
  channelMean(t: tf.Tensor): tf.Tensor2D {
    const [n, h, w, c] = this.shape;
    const perImage = tf.avgPool(this.nhwc(t), [h, w], [h, w], 'valid');
    return tf.mean(tf.reshape(perImage, [n, c]), 0, true);
  }
  /** Back to NHWC. */
  nhwc(t: tf.Tensor): tf.Tensor4D {
    return tf.reshape(t, this.shape);
  }
}

/**
 * Training-mode BN: y = gamma·x̂ + beta with x̂ = (x − mean)/sqrt(var + eps) from batch stats.
 * Backward (saved: x − mean and 1/σ): dβ = Σdy, dγ = Σdy·x̂,
 * dx = (γ/σ)·(dy − mean(dy) − x̂·mean(dy·x̂)).
 * The returned stats are owned by the caller's scope like any op output (tf.keep() them to
 * outlive a tidy) and carry no gradient.
 */
export function batchNormTrain(
  x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D, eps = BN_EPS,
): { y: tf.Tensor4D; stats: BatchStats } {
  const v = new ChannelView(x.shape);
  let kept: tf.Tensor2D[] = [];
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xIn, gIn, bIn] = args as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D];
    const mean = v.channelMean(xIn);
    const centred = tf.sub(v.wide(xIn), v.tiled(mean));
    const variance = v.channelMean(tf.square(centred));
    const invStd = tf.rsqrt(tf.add(variance, eps)) as tf.Tensor2D;
    kept = [tf.keep(mean), tf.keep(variance)];
    (args[3] as tf.GradSaveFunc)([centred, invStd, gIn]);
    const y = tf.add(tf.mul(centred, v.tiled(tf.mul(invStd, tf.reshape(gIn, [1, -1])))), v.tiled(bIn));
    return {
      value: v.nhwc(y),
      // tidy: tfjs runs a customGrad's gradFunc outside any per-node scope, so without it
      // these full-size temporaries would live until the whole backward pass ends.
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => tf.tidy(() => {
        const [xc, is, g] = saved;
        const dyw = v.wide(dy);
        const meanDy = v.channelMean(dyw);
        const meanDyXc = v.channelMean(tf.mul(dyw, xc));
        const k = tf.mul(tf.reshape(g, [1, -1]), is);
        // dx = k·dy + b·xc + c with b = −k·is²·mean(dy·xc) and c = −k·mean(dy).
        const b = tf.mul(tf.neg(k), tf.mul(tf.square(is), meanDyXc));
        const c = tf.mul(tf.neg(k), meanDy);
        const dx = tf.add(tf.add(tf.mul(dyw, v.tiled(k)), tf.mul(xc, v.tiled(b))), v.tiled(c));
        const dGamma = tf.mul(tf.mul(meanDyXc, is), v.count);
        return [v.nhwc(dx), tf.reshape(dGamma, [-1]), tf.reshape(tf.mul(meanDy, v.count), [-1])];
      }),
    };
  });
  const y = f(x, gamma, beta) as tf.Tensor4D;
  // Re-own the stats (kept to escape the custom-gradient scope) by the caller's scope.
  const [mean, variance] = kept.map((t) => tf.reshape(t, [-1]) as tf.Tensor1D);
  tf.dispose(kept);
  return { y, stats: { mean, variance } };
}

/** Evaluation-mode BN with running statistics: y = gamma·(x − mean)/sqrt(var + eps) + beta. */
export function batchNormEval(
  x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D,
  runningMean: tf.Tensor1D, runningVar: tf.Tensor1D, eps = BN_EPS,
): tf.Tensor4D {
  return tf.tidy(() => {
    const v = new ChannelView(x.shape);
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(runningVar, eps)));
    const shift = tf.sub(beta, tf.mul(runningMean, scale));
    return v.nhwc(tf.add(tf.mul(v.wide(x), v.tiled(scale)), v.tiled(shift)));
  });
}
