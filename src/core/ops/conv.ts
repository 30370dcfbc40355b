/**
 * Convolutions with hand-written gradients, so that a frozen filter costs no filter gradient
 * and every backward conv runs as a forward Conv2D (see convGrad.ts for why and how).
 *
 * Owns: conv2dFrozen (gradient to x only; the filter is captured as a constant, not a
 * customGrad input, so autodiff never asks for dW) and conv2dTrainable (gradients to x and w).
 * NHWC input, HWIO filter; 3x3 filters use PyTorch's symmetric padding 1 (not tfjs 'same',
 * which pads 0/1 for stride 2 on even sizes), 1x1 filters padding 0; stride 1 or 2.
 * Imports only @tensorflow/tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convFilterGrad, convInputGrad, convPadding } from './convGrad.ts';

type GradArgs = Array<tf.Tensor | tf.GradSaveFunc>;

/**
 * Convolution whose filter is frozen: the gradient flows to x only. w is read again during
 * backprop, so it must outlive the gradient computation (a variable, or a kept tensor).
 */
export function conv2dFrozen(x: tf.Tensor4D, w: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  const pad = convPadding(w);
  const f = tf.customGrad((...args: GradArgs) => {
    const xIn = args[0] as tf.Tensor4D;
    const xShape = xIn.shape;
    return {
      value: tf.conv2d(xIn, w, stride, pad),
      gradFunc: (dy: tf.Tensor) => convInputGrad(dy as tf.Tensor4D, w, xShape, stride),
    };
  });
  return f(x) as tf.Tensor4D;
}

/** Convolution with a trainable filter: gradients flow to x and w. Saves x (and w) for backprop. */
export function conv2dTrainable(x: tf.Tensor4D, w: tf.Tensor4D, stride: 1 | 2): tf.Tensor4D {
  const pad = convPadding(w);
  const f = tf.customGrad((...args: GradArgs) => {
    const [xIn, wIn] = args as [tf.Tensor4D, tf.Tensor4D];
    (args[2] as tf.GradSaveFunc)([xIn, wIn]);
    return {
      value: tf.conv2d(xIn, wIn, stride, pad),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor4D[];
        return [
          convInputGrad(dy as tf.Tensor4D, ws, xs.shape, stride),
          convFilterGrad(xs, dy as tf.Tensor4D, ws.shape, stride),
        ];
      },
    };
  });
  return f(x, w) as tf.Tensor4D;
}
