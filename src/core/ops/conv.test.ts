/**
 * conv2dFrozen / conv2dTrainable against tfjs's own conv2d and its autodiff gradients
 * (reference computed on the cpu backend, ours on cpu and wasm), plus the guarantees that
 * matter for speed: no filter gradient for frozen filters, no backprop kernels at all
 * (wasm has no Conv2DBackpropFilter), and no tensor leaks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../rng.ts';
import { conv2dFrozen, conv2dTrainable } from './conv.ts';

type Shape4 = [number, number, number, number];
interface Case { k: 1 | 3; stride: 1 | 2; n: number; h: number; w: number; ci: number; co: number }

const CASES: Case[] = [
  { k: 3, stride: 1, n: 2, h: 6, w: 6, ci: 3, co: 4 },
  { k: 3, stride: 1, n: 3, h: 5, w: 7, ci: 4, co: 2 },
  { k: 3, stride: 2, n: 2, h: 8, w: 8, ci: 3, co: 5 },
  { k: 3, stride: 2, n: 3, h: 7, w: 9, ci: 2, co: 3 },
  { k: 3, stride: 2, n: 2, h: 6, w: 5, ci: 4, co: 4 },
  { k: 1, stride: 2, n: 2, h: 8, w: 8, ci: 3, co: 6 },
  { k: 1, stride: 2, n: 2, h: 7, w: 5, ci: 4, co: 2 },
  { k: 1, stride: 1, n: 2, h: 5, w: 5, ci: 3, co: 3 },
];

function randn(shape: number[], seed: number): Float32Array {
  const rng = createRng(seed, 'conv.test');
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
}

/** max |a − b| / max |b|: one number per comparison, scale-free. */
function relErr(a: Float32Array | number[], b: Float32Array | number[]): number {
  expect(a.length).toBe(b.length);
  let err = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

interface Result { y: Float32Array; dx: Float32Array; dw: Float32Array | null }

/** Forward output and gradients of sum(conv(x, w) · r), read back as arrays. */
function run(
  c: Case, conv: (x: tf.Tensor4D, w: tf.Tensor4D) => tf.Tensor4D, withDw: boolean, seed: number,
): Result {
  let out: Result | null = null;
  tf.tidy(() => {
    const ho = Math.floor((c.h + (c.k - 1) - c.k) / c.stride) + 1;
    const wo = Math.floor((c.w + (c.k - 1) - c.k) / c.stride) + 1;
    const x = tf.tensor4d(randn([c.n, c.h, c.w, c.ci], seed), [c.n, c.h, c.w, c.ci]);
    const w = tf.tensor4d(randn([c.k, c.k, c.ci, c.co], seed + 1), [c.k, c.k, c.ci, c.co]);
    const r = tf.tensor4d(randn([c.n, ho, wo, c.co], seed + 2), [c.n, ho, wo, c.co]);
    const y = conv(x, w);
    expect(y.shape).toEqual([c.n, ho, wo, c.co]);
    const loss = (xs: tf.Tensor4D, ws: tf.Tensor4D) => tf.sum(tf.mul(conv(xs, ws), r));
    if (withDw) {
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => loss(a as tf.Tensor4D, b as tf.Tensor4D))([x, w]);
      out = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, dw: dw.dataSync() as Float32Array };
    } else {
      const dx = tf.grad((a: tf.Tensor) => loss(a as tf.Tensor4D, w))(x);
      out = { y: y.dataSync() as Float32Array, dx: dx.dataSync() as Float32Array, dw: null };
    }
  });
  return out!;
}

function padOf(k: number): [[number, number], [number, number], [number, number], [number, number]] {
  const p = (k - 1) / 2;
  return [[0, 0], [p, p], [p, p], [0, 0]];
}

function reference(c: Case, seed: number): Result {
  const conv = (x: tf.Tensor4D, w: tf.Tensor4D) => tf.conv2d(x, w, c.stride, padOf(c.k));
  return run(c, conv, true, seed);
}

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

const name = (c: Case) => `${c.k}x${c.k} s${c.stride} n${c.n} ${c.h}x${c.w} ${c.ci}->${c.co}`;

describe.each(['cpu', 'wasm'])('conv ops on %s', (backend) => {
  it.each(CASES)('match tfjs conv2d and its gradients: $k x$k stride $stride $h x$w', async (c) => {
    const seed = CASES.indexOf(c) * 10 + 1;
    await tf.setBackend('cpu');
    const ref = reference(c, seed);
    await tf.setBackend(backend);
    const frozen = run(c, (x, w) => conv2dFrozen(x, w, c.stride), false, seed);
    const trainable = run(c, (x, w) => conv2dTrainable(x, w, c.stride), true, seed);
    expect(relErr(frozen.y, ref.y), name(c)).toBeLessThan(1e-5);
    expect(relErr(frozen.dx, ref.dx), name(c)).toBeLessThan(1e-4);
    expect(relErr(trainable.y, ref.y), name(c)).toBeLessThan(1e-5);
    expect(relErr(trainable.dx, ref.dx), name(c)).toBeLessThan(1e-4);
    expect(relErr(trainable.dw!, ref.dw!), name(c)).toBeLessThan(1e-4);
  });

  it('computes no filter gradient for a frozen filter, and one for a trainable filter', async () => {
    await tf.setBackend(backend);
    const x = tf.variable(tf.tensor4d(randn([2, 4, 4, 2], 7), [2, 4, 4, 2]), true, `x-${backend}`);
    const w = tf.variable(tf.tensor4d(randn([3, 3, 2, 2], 8), [3, 3, 2, 2]), true, `w-${backend}`);
    const frozen = tf.variableGrads(() => tf.sum(conv2dFrozen(x, w, 2)), [x, w]);
    expect(Object.keys(frozen.grads)).toEqual([x.name]);
    const trainable = tf.variableGrads(() => tf.sum(conv2dTrainable(x, w, 2)), [x, w]);
    expect(Object.keys(trainable.grads).sort()).toEqual([w.name, x.name].sort());
    tf.dispose([frozen.value, trainable.value, x, w]);
    Object.values(frozen.grads).forEach((g) => g.dispose());
    Object.values(trainable.grads).forEach((g) => g.dispose());
  });

  it('runs no backprop conv kernel and leaks no tensors', async () => {
    await tf.setBackend(backend);
    const shapes: Array<[Shape4, Shape4, 1 | 2]> = [
      [[2, 8, 8, 3], [3, 3, 3, 4], 1], [[2, 8, 8, 3], [3, 3, 3, 4], 2], [[2, 8, 8, 3], [1, 1, 3, 4], 2],
    ];
    for (const [xs, ws, stride] of shapes) {
      const x = tf.tensor4d(randn(xs, 3), xs);
      const w = tf.tensor4d(randn(ws, 4), ws);
      const before = tf.memory().numTensors;
      const profile = await tf.profile(() => {
        tf.tidy(() => {
          tf.grad((a: tf.Tensor) => tf.sum(conv2dFrozen(a as tf.Tensor4D, w, stride)))(x);
          tf.grads((a: tf.Tensor, b: tf.Tensor) =>
            tf.sum(conv2dTrainable(a as tf.Tensor4D, b as tf.Tensor4D, stride)))([x, w]);
        });
      });
      expect(tf.memory().numTensors).toBe(before);
      const names = profile.kernelNames;
      expect(names).toContain('Conv2D');
      expect(names).not.toContain('Conv2DBackpropInput');
      expect(names).not.toContain('Conv2DBackpropFilter');
      tf.dispose([x, w]);
    }
  });
});
