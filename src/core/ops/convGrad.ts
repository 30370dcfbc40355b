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

/**
 * dx of a 3x3, pad-1, stride-2 conv by output phase. In 1-D, y[o] = Σ_k x[2o + k − 1]·w[k], so
 * dx[2m] = dy[m]·w[1] and dx[2m + 1] = dy[m]·w[2] + dy[m + 1]·w[0]: each phase is a stride-1
 * forward conv of dy (one zero row/col of padding after, for the odd phase). Unlike dilating
 * dy (4x the multiply-adds, 3/4 of them on zeros), this costs about the forward conv's.
 * Column phases share one conv whose 2·Ci output channels are (column phase, ci): reshaping
 * [N, Ho, Wo, 2·Ci] → [N, Ho, 2·Wo, Ci] interleaves the columns for free (12 taps instead of
 * 9, but no small-chunk copy); the two row phases are then interleaved with one stack.
 */
function inputGrad3x3Stride2(dy: tf.Tensor4D, w: tf.Tensor4D, rows: number, cols: number): tf.Tensor4D {
  const [n, h, wd] = dy.shape;
  const ci = w.shape[2];
  // HWOI filter with a zero column appended at index 3.
  const wT = tf.pad(swapIO(w), [[0, 0], [0, 1], [0, 0], [0, 0]]);
  const idx = (taps: number[]) => tf.tensor1d(taps, 'int32');
  // Column phase b: taps at dy column offsets u = 0, 1 (3 = the zero column).
  const colTaps = [[1, 3], [2, 0]];
  const rowPhase = (rowTaps: number[]) => {
    const r = tf.gather(wT, idx(rowTaps), 0);
    const f = tf.concat(colTaps.map((c) => tf.gather(r, idx(c), 1)), 3) as tf.Tensor4D;
    const pad: Padding4 = [[0, 0], [0, rowTaps.length - 1], [0, 1], [0, 0]];
    return tf.reshape(tf.conv2d(dy, f, 1, pad), [n, h, 2 * wd, ci]);
  };
  const full = tf.reshape(tf.stack([rowPhase([1]), rowPhase([2, 0])], 2), [n, 2 * h, 2 * wd, ci]) as tf.Tensor4D;
  return rows === 2 * h && cols === 2 * wd ? full : tf.slice(full, [0, 0, 0, 0], [n, rows, cols, ci]);
}

/**
 * dx of a 1x1, stride-2 conv: dy·wᵀ at even positions, zeros at odd ones. Spread by two rank-3
 * pads (a rank-6 pad would be one op, but the webgpu backend's pad shader stops at rank 4).
 */
function inputGrad1x1Stride2(dy: tf.Tensor4D, w: tf.Tensor4D, rows: number, cols: number): tf.Tensor4D {
  const [n, h, wd] = dy.shape;
  const ci = w.shape[2];
  const even = tf.conv2d(dy, swapIO(w), 1, 'valid');
  const cols2 = tf.pad(tf.reshape(even, [n * h * wd, 1, ci]), [[0, 0], [0, 1], [0, 0]]);
  const rows2 = tf.pad(tf.reshape(cols2, [n * h, 1, 2 * wd * ci]), [[0, 0], [0, 1], [0, 0]]);
  const full = tf.reshape(rows2, [n, 2 * h, 2 * wd, ci]) as tf.Tensor4D;
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
