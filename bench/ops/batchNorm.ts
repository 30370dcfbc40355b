/**
 * Micro-benchmark (Node, wasm backend): training-mode BatchNorm forward + backward, ours
 * (batchNormTrain) against the same formula composed from tfjs ops and differentiated by tfjs,
 * on the ResNet-14 activation shapes at batch 128.
 *
 * Run: npx tsx bench/ops/batchNorm.ts [reps]   (best of `reps` wall times after one warm-up;
 * wasm runs ops synchronously).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { BN_EPS, batchNormTrain } from '../../src/core/ops/batchnorm.ts';

// tfjs-core's Node bundle registers no gradients and its ESM files do not load under Node's
// resolver; required through tsx they register globally (as in scripts/lib/nodeBackend.ts).
createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');

type Bn = (x: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor4D;

const SHAPES: Array<[number, number, number, number]> = [[128, 32, 32, 16], [128, 16, 16, 32], [128, 8, 8, 64]];

const composed: Bn = (x, g, b) => {
  const mean = tf.mean(x, [0, 1, 2]);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), [0, 1, 2]);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, BN_EPS))), g), b);
};
const ours: Bn = (x, g, b) => batchNormTrain(x, g, b).y;

function bestMs(f: () => void, reps: number): number {
  tf.tidy(f);
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    tf.tidy(f);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 7);
  await tf.setBackend('wasm');
  await tf.ready();
  console.log(`wasm, best of ${reps}; forward / forward+backward (dx, dgamma, dbeta) in ms`);
  for (const shape of SHAPES) {
    const x = tf.randomNormal(shape) as tf.Tensor4D;
    const dy = tf.randomNormal(shape) as tf.Tensor4D;
    const g = tf.randomNormal([shape[3]], 1, 0.2) as tf.Tensor1D;
    const b = tf.randomNormal([shape[3]]) as tf.Tensor1D;
    const row = (bn: Bn) => {
      const fwd = bestMs(() => { bn(x, g, b); }, reps);
      const both = bestMs(() => {
        tf.grads((a: tf.Tensor, c: tf.Tensor, d: tf.Tensor) =>
          bn(a as tf.Tensor4D, c as tf.Tensor1D, d as tf.Tensor1D))([x, g, b], dy);
      }, reps);
      return `${fwd.toFixed(1).padStart(6)} / ${both.toFixed(1).padStart(6)}`;
    };
    console.log(`${shape.join('x').padEnd(14)} composed tfjs ${row(composed)}   ours ${row(ours)}`);
    tf.dispose([x, dy, g, b]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
