import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, FREEZE_MODES, type ExperimentConfig, type FreezeMode } from '../config.ts';
import { buildResNet, type ResNet } from '../model/resnet.ts';
import { createRng } from '../rng.ts';
import { Sgd } from './sgd.ts';
import { StepAccumulator, trainStep } from './step.ts';

const B = 8;
const tiny = (mode: FreezeMode): ExperimentConfig => ({ ...DEFAULT_CONFIG, depth: 8, width: 4, mode, k: 2, seed: 3, batchSize: B });

function batch(seed: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const r = createRng(seed, 'batch');
  const xs = Float32Array.from({ length: B * 32 * 32 * 3 }, () => r.normal());
  const ys = Int32Array.from({ length: B }, (_, i) => i % 10);
  return { x: tf.tensor4d(xs, [B, 32, 32, 3]), y: tf.tensor1d(ys, 'int32') };
}

async function snapshot(m: ResNet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [k, v] of m.params) out.set(k, ((await v.data()) as Float32Array).slice());
  return out;
}

const same = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('freezing: frozen tensors stay bit-identical, trainable ones move', () => {
  it.each(FREEZE_MODES)('mode %s', async (mode) => {
    const cfg = tiny(mode);
    const model = buildResNet(cfg);
    const opt = new Sgd(model, cfg);
    const acc = new StepAccumulator();
    const before = await snapshot(model);
    const meanBefore = (await model.running.get('stem.bn')!.mean.data()).slice();
    for (let s = 0; s < 3; s++) {
      const { x, y } = batch(s);
      trainStep(model, opt, x, y, 0.1, acc);
      tf.dispose([x, y]);
    }
    const after = await snapshot(model);
    for (const role of model.partition.roles) {
      const name = role.spec.name;
      const a = before.get(name)!, b = after.get(name)!;
      if (!role.trainable) {
        expect(same(a, b), `${mode}: ${name} frozen`).toBe(true);
      } else if (role.mask) {
        let changed = 0;
        for (let i = 0; i < a.length; i++) {
          if (role.mask[i]) changed += a[i] !== b[i] ? 1 : 0;
          else expect(b[i], `${name}[${i}] outside the mask`).toBe(a[i]);
        }
        expect(changed).toBeGreaterThan(role.trainableCount * 0.9);
      } else {
        expect(same(a, b), `${mode}: ${name} trains`).toBe(false);
      }
    }
    // Running statistics update in every mode, also when nothing trains.
    expect(Array.from(await model.running.get('stem.bn')!.mean.data())).not.toEqual(Array.from(meanBefore));
    expect((await acc.drain()).steps).toBe(3);
    acc.dispose();
    opt.dispose();
    model.dispose();
  });
});

describe('tensor count', () => {
  it('is flat after the first step, including after a step that throws', () => {
    const cfg = tiny('bn');
    const model = buildResNet(cfg);
    const opt = new Sgd(model, cfg);
    const acc = new StepAccumulator();
    const { x, y } = batch(1);
    trainStep(model, opt, x, y, 0.1, acc);
    const n = tf.memory().numTensors;
    for (let s = 0; s < 3; s++) {
      trainStep(model, opt, x, y, 0.1, acc);
      expect(tf.memory().numTensors).toBe(n);
    }
    // Labels of the wrong length: the forward pass runs, then the loss throws.
    const badY = tf.tensor1d([1, 2, 3], 'int32');
    expect(() => trainStep(model, opt, x, badY, 0.1, acc)).toThrow();
    badY.dispose();
    expect(tf.memory().numTensors).toBe(n);
    trainStep(model, opt, x, y, 0.1, acc);
    expect(tf.memory().numTensors).toBe(n);
    tf.dispose([x, y]);
    acc.dispose();
    opt.dispose();
    model.dispose();
  });
});

describe('BN running statistics', () => {
  it('follow PyTorch: 0.9·old + 0.1·batch, unbiased variance', async () => {
    const cfg = tiny('frozen');
    const model = buildResNet(cfg);
    const opt = new Sgd(model, cfg);
    const acc = new StepAccumulator();
    const { x, y } = batch(2);
    // The stem BN sees conv(x) directly: compute its batch moments independently.
    const pre = tf.conv2d(x, model.params.get('stem.conv') as tf.Tensor4D, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    const m = tf.moments(pre, [0, 1, 2]);
    const n = B * 32 * 32;
    const mean = await m.mean.data();
    const variance = await m.variance.data();
    trainStep(model, opt, x, y, 0.1, acc);
    const rm = await model.running.get('stem.bn')!.mean.data();
    const rv = await model.running.get('stem.bn')!.variance.data();
    for (let c = 0; c < 4; c++) {
      expect(rm[c]).toBeCloseTo(0.1 * mean[c], 5);
      expect(rv[c]).toBeCloseTo(0.9 * 1 + 0.1 * variance[c] * (n / (n - 1)), 5);
    }
    tf.dispose([x, y, pre, m.mean, m.variance]);
    acc.dispose();
    opt.dispose();
    model.dispose();
  });
});
