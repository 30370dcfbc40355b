/**
 * Micro-benchmark (Node, wasm backend): forward conv vs the two ways to get the input
 * gradient, tfjs's Conv2DBackpropInput kernel and ours (convInputGrad: forward convs only),
 * plus our filter gradient (wasm has no Conv2DBackpropFilter kernel at all), on the
 * ResNet-14 shapes at batch 128.
 *
 * Run: npx tsx bench/ops/convGrad.ts [reps]   (wasm runs ops synchronously, so each timing is
 * the wall time of the call; the figure is the best of `reps` after one warm-up).
 * GMAC/s always divides the *forward* multiply-adds N·Ho·Wo·K²·Ci·Co by the time, so columns
 * compare directly as "useful work per second".
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { convFilterGrad, convInputGrad, convPadding } from '../../src/core/ops/convGrad.ts';

interface Shape { h: number; ci: number; co: number; k: 1 | 3; stride: 1 | 2 }

const BATCH = 128;
const SHAPES: Shape[] = [
  { h: 32, ci: 16, co: 16, k: 3, stride: 1 },
  { h: 32, ci: 16, co: 32, k: 3, stride: 2 },
  { h: 32, ci: 16, co: 32, k: 1, stride: 2 },
  { h: 16, ci: 32, co: 32, k: 3, stride: 1 },
  { h: 16, ci: 32, co: 64, k: 3, stride: 2 },
  { h: 16, ci: 32, co: 64, k: 1, stride: 2 },
  { h: 8, ci: 64, co: 64, k: 3, stride: 1 },
];

/** Best wall time in ms of `reps` runs after one warm-up; every tensor is freed each run. */
function bestMs(f: () => tf.Tensor, reps: number): number {
  tf.tidy(() => { f(); });
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    tf.tidy(() => { f(); });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** max |a − b| / max |b| between our dx and the tfjs kernel's, as a sanity check. */
function relErr(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))).dataSync()[0]);
}

async function main(): Promise<void> {
  const reps = Number(process.argv[2] ?? 5);
  await tf.setBackend('wasm');
  await tf.ready();
  const cell = (ms: number, mmac: number) => `${ms.toFixed(1).padStart(7)} ms ${(mmac / ms).toFixed(2).padStart(6)}`;
  console.log(`wasm, batch ${BATCH}, best of ${reps}; each cell: time, forward-GMAC/s`);
  console.log(['shape'.padEnd(24), 'MMAC', '  forward conv       ', 'tfjs BackpropInput  ',
    'ours dx            ', 'dx speed-up', 'ours dW (no kernel)', 'dx rel.err'].join(' | '));
  for (const s of SHAPES) {
    const ho = Math.floor((s.h - 1) / s.stride) + 1;
    const x = tf.randomNormal([BATCH, s.h, s.h, s.ci]) as tf.Tensor4D;
    const w = tf.randomNormal([s.k, s.k, s.ci, s.co]) as tf.Tensor4D;
    const dy = tf.randomNormal([BATCH, ho, ho, s.co]) as tf.Tensor4D;
    const pad = convPadding(w);
    const mmac = (BATCH * ho * ho * s.k * s.k * s.ci * s.co) / 1e6;
    const fwd = bestMs(() => tf.conv2d(x, w, s.stride, pad), reps);
    const tfjsDx = bestMs(() => tf.conv2dTranspose(dy, w, x.shape, s.stride, pad), Math.min(reps, 2));
    const ourDx = bestMs(() => convInputGrad(dy, w, x.shape, s.stride), reps);
    const ourDw = bestMs(() => convFilterGrad(x, dy, w.shape, s.stride), reps);
    const err = tf.tidy(() => relErr(convInputGrad(dy, w, x.shape, s.stride), tf.conv2dTranspose(dy, w, x.shape, s.stride, pad)));
    const name = `${s.h}x${s.h}x${s.ci}->${s.co} ${s.k}x${s.k} s${s.stride}`;
    console.log([name.padEnd(24), mmac.toFixed(0).padStart(4), cell(fwd, mmac), cell(tfjsDx, mmac),
      cell(ourDx, mmac), `${(tfjsDx / ourDx).toFixed(1)}x`.padStart(11), cell(ourDw, mmac),
      err.toExponential(1)].join(' | '));
    tf.dispose([x, w, dy]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
