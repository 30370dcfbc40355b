/**
 * Convolutions with hand-written gradients, so that frozen filters cost no filter gradient.
 *
 * Owns: conv2dFrozen (gradient to x only, filter captured as a constant) and
 * conv2dTrainable (gradients to x and filter). NHWC input, HWIO filter; 3x3 filters use
 * PyTorch's symmetric padding 1, 1x1 filters padding 0; stride 1 or 2.
 * Imports only @tensorflow/tfjs-core (never a backend package).
 *
 * FIRST CUT: gradients via tfjs's own backprop ops; replaced by forward-conv formulations.
 */
import * as tf from '@tensorflow/tfjs-core';

type Pad = [[number, number], [number, number], [number, number], [number, number]];

/** PyTorch padding: k=3 → 1 on every side, k=1 → 0. */
function padFor(w: tf.Tensor4D): Pad {
  const k = w.shape[0];
  if (k !== w.shape[1] || (k !== 1 && k !== 3)) {
    throw new Error(`conv: filter must be 1x1 or 3x3, got ${w.shape[0]}x${w.shape[1]}`);
  }
  const p = (k - 1) / 2;
  return [[0, 0], [p, p], [p, p], [0, 0]];
}

/**
 * dW as a forward conv: batch and channels swap roles. With xp = pad(x) as [Ci, Hp, Wp, N]
 * (batch Ci, channels N) and dy as an HWIO filter [Ho, Wo, N, Co], a stride-1 conv dilated
 * by the forward stride gives out[ci, kh, kw, co] = Σ xp[n, kh + s·oh, kw + s·ow, ci]·dy[n, oh, ow, co].
 */
function filterGrad(
  x: tf.Tensor4D, dy: tf.Tensor4D, ws: number[], stride: 1 | 2, pad: Pad,
): tf.Tensor4D {
  return tf.tidy(() => {
    const k = ws[0];
    const xp = tf.transpose(tf.pad(x, pad), [3, 1, 2, 0]) as tf.Tensor4D;
    const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
    const out = tf.conv2d(xp, f, 1, 'valid', 'NHWC', stride);
    const cut = tf.slice(out, [0, 0, 0, 0], [-1, k, k, -1]);
    return tf.transpose(cut, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** Convolution whose filter is frozen: the gradient flows to x only. */
export function conv2dFrozen(x: tf.Tensor4D, w: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  const pad = padFor(w);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xIn = args[0] as tf.Tensor4D;
    const xs = xIn.shape;
    return {
      value: tf.conv2d(xIn as tf.Tensor4D, w, stride, pad),
      gradFunc: (dy: tf.Tensor) => tf.conv2dTranspose(dy as tf.Tensor4D, w, xs, stride, pad),
    };
  });
  return f(x) as tf.Tensor4D;
}

/** Convolution with a trainable filter: gradients flow to x and w. */
export function conv2dTrainable(x: tf.Tensor4D, w: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  const pad = padFor(w);
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xIn, wIn] = args as [tf.Tensor4D, tf.Tensor4D];
    (args[2] as tf.GradSaveFunc)([xIn]);
    const xs = (xIn as tf.Tensor4D).shape;
    const ws = (wIn as tf.Tensor4D).shape;
    return {
      value: tf.conv2d(xIn as tf.Tensor4D, wIn as tf.Tensor4D, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.conv2dTranspose(dy as tf.Tensor4D, wIn as tf.Tensor4D, xs, stride, pad),
        filterGrad(saved[0] as tf.Tensor4D, dy as tf.Tensor4D, ws, stride, pad),
      ],
    };
  });
  return f(x, w) as tf.Tensor4D;
}
