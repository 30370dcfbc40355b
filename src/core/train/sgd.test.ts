import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.ts';
import { buildResNet } from '../model/resnet.ts';
import { Sgd } from './sgd.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('SGD (PyTorch form: v ← μv + g + λp; p ← p − lr·v)', () => {
  it('matches a hand computation over two steps, with and without decay on BN', async () => {
    for (const wdOnBn of [true, false]) {
      const cfg = { ...DEFAULT_CONFIG, depth: 8, width: 4, mode: 'bn' as const, weightDecay: 0.01, wdOnBn };
      const model = buildResNet(cfg);
      const opt = new Sgd(model, cfg);
      const gammaVar = model.params.get('stem.bn.gamma')!;
      const p0 = Array.from(await gammaVar.data());
      const g = [0.5, -1, 2, 0];
      const grads: tf.NamedTensorMap = {};
      for (const s of opt.slots) grads[s.param.name] = tf.zerosLike(s.param);
      grads[gammaVar.name].dispose();
      grads[gammaVar.name] = tf.tensor1d(g);
      const lam = wdOnBn ? 0.01 : 0;
      opt.apply(grads, 0.1);
      opt.apply(grads, 0.05);
      const p2 = Array.from(await gammaVar.data());
      for (let i = 0; i < 4; i++) {
        const v1 = g[i] + lam * p0[i];
        const p1 = p0[i] - 0.1 * v1;
        const v2 = 0.9 * v1 + g[i] + lam * p1;
        expect(p2[i]).toBeCloseTo(p1 - 0.05 * v2, 6);
      }
      tf.dispose(Object.values(grads));
      opt.dispose();
      model.dispose();
    }
  });

  it('gives only trainable parameters a momentum buffer', () => {
    const cfg = { ...DEFAULT_CONFIG, depth: 14, mode: 'bn' as const };
    const model = buildResNet(cfg);
    const opt = new Sgd(model, cfg);
    expect(opt.slots.reduce((a, s) => a + s.param.size, 0)).toBe(1120);
    opt.dispose();
    model.dispose();
  });
});
