import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../config.ts';
import { randomSplit } from '../testing/randomSplit.ts';
import { captureCheckpoint, decodeCheckpoint, encodeCheckpoint, restoreCheckpoint } from './checkpoint.ts';
import { Trainer } from './trainer.ts';

const cfg: ExperimentConfig = {
  ...DEFAULT_CONFIG, depth: 8, width: 4, batchSize: 10, trainSize: 40, testSize: 20, epochs: 2, seed: 11, mode: 'bn+output',
};
const data = { train: randomSplit(40, 1), test: randomSplit(20, 2) };

async function params(t: Trainer): Promise<Float32Array[]> {
  return Promise.all([...t.model.params.values()].map(async (v) => (await v.data()) as Float32Array));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Trainer', () => {
  it('runs epochs with fixed shapes, flat tensor count and one evaluation per epoch', async () => {
    const counts: number[] = [];
    const evals: number[] = [];
    const t = new Trainer(cfg, data, {
      onStep: () => counts.push(tf.memory().numTensors),
      onEvaluated: (m) => evals.push(m.step),
    }, { readIntervalMs: 0 });
    expect(t.stepsPerEpoch).toBe(4);
    const res = await t.run();
    expect(res.status).toBe('completed');
    expect(evals).toEqual([4, 8]);
    expect(counts).toHaveLength(8);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(res.lastEval!.confusion.reduce((a, b) => a + b, 0)).toBe(20);
    t.dispose();
  });

  it('fills the last partial batch from the start of the epoch order', () => {
    const t = new Trainer({ ...cfg, trainSize: 30, batchSize: 20 }, data);
    const a = new Uint32Array(20), b = new Uint32Array(20);
    t.batchIndices(0, a);
    t.batchIndices(1, b);
    expect(t.stepsPerEpoch).toBe(2);
    expect(Array.from(b.subarray(10))).toEqual(Array.from(a.subarray(0, 10)));
    expect(new Set([...a, ...b.subarray(0, 10)]).size).toBe(30);
    t.dispose();
  });

  it('pauses, resumes and stops on an AbortSignal', async () => {
    const ctl = new AbortController();
    const steps: number[] = [];
    const t = new Trainer(cfg, data, {
      onStep: (m) => {
        steps.push(m.step);
        if (m.step === 2) {
          t.pause();
          setTimeout(() => {
            expect(t.step).toBe(2); // nothing ran while paused
            t.resume();
          }, 50);
        }
        if (m.step === 5) ctl.abort();
      },
    }, { readIntervalMs: 0, signal: ctl.signal });
    const res = await t.run();
    expect(res).toMatchObject({ status: 'stopped', step: 5 });
    expect(steps).toEqual([1, 2, 3, 4, 5]);
    t.dispose();
  });

  it('resumes from a checkpoint to bit-identical parameters', async () => {
    const straight = new Trainer(cfg, data, {}, {});
    await straight.run();
    const expected = await params(straight);
    straight.dispose();

    const ctl = new AbortController();
    const first = new Trainer(cfg, data, { onStep: (m) => m.step === 3 && ctl.abort() }, { readIntervalMs: 0, signal: ctl.signal });
    await first.run();
    const bytes = encodeCheckpoint(await captureCheckpoint(first));
    first.dispose();

    const ckpt = decodeCheckpoint(bytes);
    expect(ckpt.step).toBe(3);
    const second = new Trainer(ckpt.config, data);
    restoreCheckpoint(second, ckpt);
    await second.run();
    const got = await params(second);
    got.forEach((g, i) => expect(Buffer.from(g.buffer).equals(Buffer.from(expected[i].buffer))).toBe(true));
    second.dispose();
  });
});
