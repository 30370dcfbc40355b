/**
 * batchNormTrain / batchNormEval: a one-channel case worked by hand, then random inputs
 * against tfjs autodiff of the same formula built from plain ops, on cpu and wasm.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRng } from '../rng.ts';
import { BN_EPS, batchNormEval, batchNormTrain } from './batchnorm.ts';

function randn(n: number, seed: number, scale = 1, shift = 0): Float32Array {
  const rng = createRng(seed, 'batchnorm.test');
  return Float32Array.from({ length: n }, () => shift + scale * rng.normal());
}

function expectClose(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e), `index ${i}`).toBeLessThan(tol));
}

/** max |a − b| / max |b|. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    err = Math.max(err, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return err / scale;
}

/** The textbook formula from plain ops, differentiated by tfjs's registered gradients. */
function composedBn(x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor4D {
  const mean = tf.mean(x, [0, 1, 2]);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), [0, 1, 2]);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BN_EPS))), g), b);
}

describe.each(['cpu', 'wasm'])('batchnorm on %s', (backend) => {
  it('matches a one-channel case worked by hand', async () => {
    await tf.setBackend(backend);
    // x = [1, 2, 3, 4]: mean 2.5, biased var 1.25, σ = sqrt(1.25 + 1e-5) = 1.11803846.
    // x̂ = [−1.5, −0.5, 0.5, 1.5] / σ = [−1.3416354, −0.4472118, 0.4472118, 1.3416354].
    // γ = 2, β = 0.5: y = 2x̂ + 0.5 = [−2.1832708, −0.3944236, 1.3944236, 3.1832708].
    // Upstream dy = [1, 0, 0, 0]: dβ = Σdy = 1, dγ = Σdy·x̂ = x̂₀ = −1.3416354.
    // dx = (γ/σ)(dy − mean(dy) − x̂·mean(dy·x̂)); without eps, x̂ = [−3, −1, 1, 3]/√5, so
    // x̂·mean(dy·x̂) = [−3, −1, 1, 3]·(−3/20) = [0.45, 0.15, −0.15, −0.45];
    // dy − 0.25 − that = [0.3, −0.4, −0.1, 0.2]; times γ/σ = 4/√5: [0.5366563, −0.7155418,
    // −0.1788854, 0.3577709]; eps shifts these by < 1e-5 relative: [0.5366606, −0.7155367,
    // −0.1788869, 0.3577630].
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const g = tf.tensor1d([2]);
    const b = tf.tensor1d([0.5]);
    const dy = tf.tensor4d([1, 0, 0, 0], [1, 2, 2, 1]);
    const { y, stats } = batchNormTrain(x, g, b);
    expectClose(y.dataSync(), [-2.1832708, -0.3944236, 1.3944236, 3.1832708]);
    expectClose(stats.mean.dataSync(), [2.5]);
    expectClose(stats.variance.dataSync(), [1.25]);
    const grads = tf.grads((xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) =>
      batchNormTrain(xs as tf.Tensor4D, gs as tf.Tensor1D, bs as tf.Tensor1D).y)([x, g, b], dy);
    expectClose(grads[0].dataSync(), [0.5366606, -0.7155367, -0.1788869, 0.3577630]);
    expectClose(grads[1].dataSync(), [-1.3416354]);
    expectClose(grads[2].dataSync(), [1]);
    // Eval mode with running stats equal to the batch stats reproduces y; with running mean 2,
    // var 0.25: (x − 2)/sqrt(0.25 + 1e-5)·2 + 0.5 = [−3.49992, 0.5, 4.49992, 8.49984].
    expectClose(batchNormEval(x, g, b, stats.mean, stats.variance).dataSync(), Array.from(y.dataSync()));
    const rm = tf.tensor1d([2]);
    const rv = tf.tensor1d([0.25]);
    expectClose(batchNormEval(x, g, b, rm, rv).dataSync(), [-3.4999200, 0.5, 4.4999200, 8.4998400]);
    tf.dispose([x, g, b, dy, y, stats.mean, stats.variance, rm, rv, ...grads]);
  });

  it('matches autodiff of the composed formula on random inputs', async () => {
    await tf.setBackend(backend);
    const shape: [number, number, number, number] = [3, 5, 4, 6];
    const n = 3 * 5 * 4 * 6;
    const x = tf.tensor4d(randn(n, 1, 3, 2), shape);
    const dy = tf.tensor4d(randn(n, 2), shape);
    const g = tf.tensor1d(randn(6, 3, 0.5, 1));
    const b = tf.tensor1d(randn(6, 4));
    const f = (bn: typeof composedBn) => tf.grads((xs: tf.Tensor, gs: tf.Tensor, bs: tf.Tensor) =>
      bn(xs as tf.Tensor4D, gs as tf.Tensor1D, bs as tf.Tensor1D))([x, g, b], dy);
    const ours = f((a, c, d) => batchNormTrain(a, c, d).y);
    const ref = f(composedBn);
    const names = ['dx', 'dgamma', 'dbeta'];
    ref.forEach((r, i) => expect(relErr(ours[i].dataSync(), r.dataSync()), names[i]).toBeLessThan(1e-4));
    const yOurs = batchNormTrain(x, g, b);
    const yRef = composedBn(x, g, b);
    expect(relErr(yOurs.y.dataSync(), yRef.dataSync())).toBeLessThan(1e-5);
    const m = tf.moments(x, [0, 1, 2]);
    expect(relErr(yOurs.stats.mean.dataSync(), m.mean.dataSync())).toBeLessThan(1e-5);
    expect(relErr(yOurs.stats.variance.dataSync(), m.variance.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, dy, g, b, ...ours, ...ref, yOurs.y, yOurs.stats.mean, yOurs.stats.variance, yRef,
      m.mean, m.variance]);
  });

  it('computes batch stats of an off-centre batch to float32 precision', async () => {
    await tf.setBackend(backend);
    // 32·16·16 = 8192 values per channel with mean ≈ 3 and std ≈ 0.5; reference in float64.
    const shape: [number, number, number, number] = [32, 16, 16, 4];
    const data = randn(32 * 16 * 16 * 4, 6, 0.5, 3);
    const mean = [0, 0, 0, 0];
    const sq = [0, 0, 0, 0];
    data.forEach((d, i) => { mean[i % 4] += d / 8192; });
    data.forEach((d, i) => { sq[i % 4] += (d - mean[i % 4]) ** 2 / 8192; });
    const x = tf.tensor4d(data, shape);
    const { y, stats } = batchNormTrain(x, tf.ones([4]) as tf.Tensor1D, tf.zeros([4]) as tf.Tensor1D);
    expect(relErr(stats.mean.dataSync(), mean)).toBeLessThan(1e-6);
    expect(relErr(stats.variance.dataSync(), sq)).toBeLessThan(1e-5);
    // Normalised output: per-channel mean 0 and variance var/(var + eps) ≈ 1.
    const yd = y.dataSync() as Float32Array;
    expect(Math.abs(yd.reduce((a, v, i) => a + (i % 4 === 1 ? v : 0), 0) / 8192)).toBeLessThan(1e-5);
    tf.dispose([x, y, stats.mean, stats.variance]);
  });

  it('leaks no tensors; stats belong to the caller scope and survive only if kept', async () => {
    await tf.setBackend(backend);
    const x = tf.tensor4d(randn(2 * 3 * 3 * 4, 5), [2, 3, 3, 4]);
    const g = tf.variable(tf.ones([4]) as tf.Tensor1D, true, `g-${backend}`);
    const b = tf.variable(tf.zeros([4]) as tf.Tensor1D, true, `b-${backend}`);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(batchNormTrain(x, g, b).y)), [g, b]);
      expect(Object.keys(grads).sort()).toEqual([b.name, g.name].sort());
      return [value, grads[g.name]];
    }).forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
    const kept = tf.tidy(() => {
      const { stats } = batchNormTrain(x, g, b);
      return tf.keep(stats.mean);
    });
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(kept.isDisposed).toBe(false);
    tf.dispose([kept, x, g, b]);
  });
});
