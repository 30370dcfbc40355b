/**
 * Gradients of a PyTorch-padded convolution, each written as *forward* convolutions.
 *
 * Why: in tfjs 4.22 the wasm backend has no Conv2DBackpropFilter kernel and its
 * Conv2DBackpropInput runs several times slower than Conv2D (bench/ops/convGrad.ts), while the
 * input gradient is the whole per-step conv cost when only BatchNorm trains.
 *
 * Layout: NHWC activations, HWIO filters; 3x3 filters pad 1 on every side, 1x1 pad 0;
 * stride 1 or 2. Imports only @tensorflow/tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Explicit NHWC padding as tfjs takes it: [[0,0],[top,bottom],[left,right],[0,0]]. */
export type Padding4 = [[number, number], [number, number], [number, number], [number, number]];

/** PyTorch's padding for our filters: 3x3 → 1 on every side, 1x1 → 0. Throws on other sizes. */
export function convPadding(w: tf.Tensor4D): Padding4 {
  const [kh, kw] = w.shape;
  if (kh !== kw || (kh !== 1 && kh !== 3)) {
    throw new Error(`conv: filter must be 1x1 or 3x3 (HWIO), got shape [${w.shape.join(', ')}]`);
  }
  const p = (kh - 1) / 2;
  return [[0, 0], [p, p], [p, p], [0, 0]];
}

/** Filter with in/out channels swapped: HWIO → HWOI. */
const swapIO = (w: tf.Tensor4D) => tf.transpose(w, [0, 1, 3, 2]) as tf.Tensor4D;

/** Taps of a 3x3 filter (already HWOI) at the given rows and columns, as a small filter. */
function taps(wT: tf.Tensor4D, rows: number[], cols: number[]): tf.Tensor4D {
  const r = tf.gather(wT, tf.tensor1d(rows, 'int32'), 0);
  return tf.gather(r, tf.tensor1d(cols, 'int32'), 1) as tf.Tensor4D;
}

/**
 * Interleave four phase images [N, h, w, C] into [N, 2h, 2w, C]:
 * out[n, 2i + a, 2j + b] = p[a][b][n, i, j]; then crop to [rows, cols].
 */
function interleave(p: tf.Tensor4D[][], rows: number, cols: number): tf.Tensor4D {
  const [n, h, w, c] = p[0][0].shape;
  const rowPhase = (a: number) => tf.reshape(tf.stack([p[a][0], p[a][1]], 3), [n, h, 2 * w, c]);
  const full = tf.reshape(tf.stack([rowPhase(0), rowPhase(1)], 2), [n, 2 * h, 2 * w, c]) as tf.Tensor4D;
  return rows === 2 * h && cols === 2 * w ? full : tf.slice(full, [0, 0, 0, 0], [n, rows, cols, c]);
}

/**
 * dx of a 3x3, pad-1, stride-2 conv by output phase. In 1-D, y[o] = Σ_k x[2o + k − 1]·w[k], so
 * dx[2m] = dy[m]·w[1] and dx[2m + 1] = dy[m]·w[2] + dy[m + 1]·w[0]. In 2-D each of the four
 * (row, col) phases is a stride-1 forward conv of dy with 1x1, 1x2, 2x1 or 2x2 taps (9 taps in
 * all: the same multiply-adds as the forward conv, unlike dilating dy, which costs 4x), with
 * one zero row/col of padding after for the odd phases.
 */
function inputGrad3x3Stride2(dy: tf.Tensor4D, w: tf.Tensor4D, rows: number, cols: number): tf.Tensor4D {
  const wT = swapIO(w);
  const idx = [[1], [2, 0]];
  const phases = [0, 1].map((a) => [0, 1].map((b) => {
    const pad: Padding4 = [[0, 0], [0, a], [0, b], [0, 0]];
    return tf.conv2d(dy, taps(wT, idx[a], idx[b]), 1, pad);
  }));
  return interleave(phases, rows, cols);
}

/** dx of a 1x1, stride-2 conv: dy·wᵀ at even positions, zeros at odd ones. */
function inputGrad1x1Stride2(dy: tf.Tensor4D, w: tf.Tensor4D, rows: number, cols: number): tf.Tensor4D {
  const [n, h, wd] = dy.shape;
  const ci = w.shape[2];
  const even = tf.reshape(tf.conv2d(dy, swapIO(w), 1, 'valid'), [n, h, 1, wd, 1, ci]);
  const spread = tf.pad(even, [[0, 0], [0, 0], [0, 1], [0, 0], [0, 1], [0, 0]]);
  const full = tf.reshape(spread, [n, 2 * h, 2 * wd, ci]) as tf.Tensor4D;
  return rows === 2 * h && cols === 2 * wd ? full : tf.slice(full, [0, 0, 0, 0], [n, rows, cols, ci]);
}

/**
 * Gradient with respect to the input x (shape xShape) of conv2d(x, w, stride, convPadding(w)),
 * given the upstream gradient dy. Runs only Conv2D and data-movement kernels.
 */
export function convInputGrad(
  dy: tf.Tensor4D, w: tf.Tensor4D, xShape: readonly number[], stride: 1 | 2,
): tf.Tensor4D {
  return tf.tidy(() => {
    const pad = convPadding(w);
    const [, rows, cols] = xShape;
    if (stride === 1) {
      // Cross-correlation with the spatially flipped, in/out-swapped filter, same padding.
      return tf.conv2d(dy, swapIO(tf.reverse(w, [0, 1]) as tf.Tensor4D), 1, pad);
    }
    return w.shape[0] === 3
      ? inputGrad3x3Stride2(dy, w, rows, cols)
      : inputGrad1x1Stride2(dy, w, rows, cols);
  });
}

/**
 * Gradient with respect to the filter, as one forward conv with batch and channels swapped:
 * with xp = pad(x) viewed as [Ci, Hp, Wp, N] (batch Ci, channels N) and dy as an HWIO filter
 * [Ho, Wo, N, Co], a stride-1 conv dilated by the forward stride gives
 * out[ci, kh, kw, co] = Σ_{n,oh,ow} xp[n, kh + s·oh, kw + s·ow, ci]·dy[n, oh, ow, co] = dW[kh, kw, ci, co].
 * (Splitting stride 2 into phases instead measured slower on wasm: strided slices are slow.)
 */
export function convFilterGrad(
  x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: readonly number[], stride: 1 | 2,
): tf.Tensor4D {
  return tf.tidy(() => {
    const k = filterShape[0];
    const p = (k - 1) / 2;
    const xp = tf.transpose(tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]]), [3, 1, 2, 0]) as tf.Tensor4D;
    const f = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D;
    const out = tf.conv2d(xp, f, 1, 'valid', 'NHWC', stride);
    const cut = out.shape[1] === k && out.shape[2] === k ? out : tf.slice(out, [0, 0, 0, 0], [-1, k, k, -1]);
    return tf.transpose(cut, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}
