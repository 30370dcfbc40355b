import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config.ts';
import { buildResNet } from './resnet.ts';

async function weightsOn(backend: string, seed: number): Promise<Map<string, Float32Array>> {
  expect(await tf.setBackend(backend)).toBe(true);
  expect(tf.getBackend()).toBe(backend);
  const model = buildResNet({ ...DEFAULT_CONFIG, depth: 14, seed });
  const out = new Map<string, Float32Array>();
  for (const [name, v] of model.params) out.set(name, (await v.data()) as Float32Array);
  model.dispose();
  return out;
}

describe('seeded initialisation', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is bit-identical on cpu and wasm for the same seed, and differs for another seed', async () => {
    const cpu = await weightsOn('cpu', 5);
    const wasm = await weightsOn('wasm', 5);
    const other = await weightsOn('cpu', 6);
    expect(cpu.size).toBe(wasm.size);
    for (const [name, a] of cpu) {
      expect(Buffer.from(wasm.get(name)!.buffer).equals(Buffer.from(a.buffer)), name).toBe(true);
    }
    expect(Array.from(other.get('s3.b1.conv2')!.subarray(0, 4))).not.toEqual(Array.from(cpu.get('s3.b1.conv2')!.subarray(0, 4)));
  });

  it('draws Kaiming-normal convs, U[0,1) γ, zero β and U(±1/√64) dense bias', async () => {
    const w = await weightsOn('cpu', 1);
    const conv = w.get('s3.b1.conv2')!; // fan_in 3·3·64 = 576, std = √(2/576) = 0.0589
    const mean = conv.reduce((a, b) => a + b, 0) / conv.length;
    const std = Math.sqrt(conv.reduce((a, b) => a + (b - mean) ** 2, 0) / conv.length);
    expect(std).toBeCloseTo(Math.sqrt(2 / 576), 3);
    const gamma = w.get('s3.b1.bn1.gamma')!;
    expect(Math.min(...gamma)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...gamma)).toBeLessThan(1);
    expect(w.get('s3.b1.bn1.beta')!.every((b) => b === 0)).toBe(true);
    expect(Math.max(...w.get('fc.b')!.map(Math.abs))).toBeLessThanOrEqual(1 / 8);
  });

  it('γ = 1 option and no-affine', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    const ones = buildResNet({ ...DEFAULT_CONFIG, depth: 8, gammaInit: 'ones' });
    const noAffine = buildResNet({ ...DEFAULT_CONFIG, depth: 8, mode: 'no-affine' });
    for (const m of [ones, noAffine]) {
      expect(Array.from(await m.params.get('stem.bn.gamma')!.data())).toEqual(new Array(16).fill(1));
      m.dispose();
    }
  });
});
