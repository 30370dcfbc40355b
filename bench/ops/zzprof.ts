import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { batchNormTrain } from '../../src/core/ops/batchnorm';
(async () => {
  await tf.setBackend('wasm');
  const x = tf.randomNormal([128, 32, 32, 16]) as tf.Tensor4D; const g = tf.ones([16]) as tf.Tensor1D; const b = tf.zeros([16]) as tf.Tensor1D;
  for (let i = 0; i < 3; i++) tf.tidy(() => { batchNormTrain(x, g, b); });
  const p = await tf.profile(() => { tf.tidy(() => { batchNormTrain(x, g, b); }); });
  for (const k of p.kernels) console.log(k.name.padEnd(14), (await k.kernelTimeMs as number).toFixed(2), JSON.stringify(k.inputShapes));
  let best = 1e9; for (let i = 0; i < 10; i++) { const t = performance.now(); tf.tidy(() => { batchNormTrain(x, g, b); }); best = Math.min(best, performance.now() - t); } console.log('best', best);
})();
