import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.ts';
import { loadCifarDir } from '../../../scripts/lib/cifarFiles.ts';
import { Trainer } from './trainer.ts';

const dir = process.env.CIFAR10_DIR;
if (!dir) console.warn('learn.test.ts: CIFAR10_DIR is not set, skipping the real-data learning check');

// Measured on the 2-core dev machine (wasm): 22-24% test accuracy after 4 epochs (~55 s).
describe.skipIf(!dir)('BN-only learns on real CIFAR-10', () => {
  it('ResNet-8, 2,000 training images, 4 epochs: test accuracy well above chance (10%)', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    const data = await loadCifarDir(dir!);
    const cfg = { ...DEFAULT_CONFIG, depth: 8, width: 16, mode: 'bn' as const, epochs: 4, batchSize: 64, trainSize: 2000, testSize: 1000, schedule: 'cosine' as const };
    const accs: number[] = [];
    const t = new Trainer(cfg, data, { onEvaluated: (m) => accs.push(m.accuracy) });
    expect(t.model.partition.trainable).toBe(672);
    const res = await t.run();
    t.dispose();
    console.log(`BN-only ResNet-8 test accuracy by epoch: ${accs.map((a) => (100 * a).toFixed(1)).join(', ')}%`);
    // Chance is 10% with σ ≈ 0.95% on 1,000 images; 17% is 7σ above it.
    expect(res.lastEval!.accuracy).toBeGreaterThan(0.17);
  }, 300_000);
});
