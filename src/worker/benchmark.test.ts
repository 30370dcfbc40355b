/**
 * The benchmark loop on the cpu backend with a tiny ResNet-8 (width 2, batch 4): step and
 * warm-up counts, the round-robin order, the time cap (with a fake clock), a flat tensor
 * count, parameter counts against the model spec, an unsupported case; and the worker's
 * `benchmark` command end to end over a MessageChannel through the real client.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildResNetSpec, countParams } from '../core/model/spec.ts';
import type { BenchCase, BenchOptions, EventOf, WorkerEvent } from '../protocol/messages.ts';
import { createBackendControl } from './backend.ts';
import { runBenchmark } from './benchmark.ts';
import { createTrainingClient } from './client.ts';
import { serveTraining } from './handler.ts';

const tiny = (mode: BenchCase['mode']): BenchCase => ({ depth: 8, width: 2, mode, batchSize: 4 });
const opts = (over: Partial<BenchOptions> = {}): BenchOptions => ({ warmupSteps: 1, steps: 3, maxSeconds: 0, profile: false, seed: 1, ...over });

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('runBenchmark (cpu, ResNet-8 w2, batch 4)', () => {
  it('times warm-up and timed steps round-robin, frees everything, keeps the count flat', async () => {
    const before = tf.memory().numTensors;
    const order: string[] = [];
    const res = await runBenchmark([tiny('bn'), tiny('all')], opts(), {
      onProgress: (p) => order.push(`${p.caseIndex}:${p.phase}:${p.step}`),
    });
    expect(order).toEqual(['0:warm-up:1', '1:warm-up:1', '0:timed:1', '1:timed:1', '0:timed:2', '1:timed:2', '0:timed:3', '1:timed:3']);
    const counts = countParams(buildResNetSpec(8, 2));
    expect(res.map((r) => r.trainableParams)).toEqual([counts.bn, counts.total]);
    for (const r of res) {
      expect(r.error).toBeUndefined();
      expect(r.warmupMs).toHaveLength(1);
      expect(r.stepMs).toHaveLength(3);
      expect(r.stoppedBy).toBe('steps');
      expect(r.tensorsAfter).toBe(r.tensorsBefore);
      expect(r.bytesAfter).toBe(r.bytesBefore);
      expect(Number.isFinite(r.lastLoss) && r.lastLoss > 0).toBe(true);
      expect(r.macsPerImage).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops a case at --max-seconds (fake clock: every step takes 250 ms)', async () => {
    let t = 0;
    const [r] = await runBenchmark([tiny('bn')], opts({ steps: 10, maxSeconds: 1.2 }), { now: () => (t += 250) });
    // Each step reads the clock twice (start, end): 250 ms apart. Timed sums: 250, 500, 750, 1000, 1250 ≥ 1200 → stop after 5.
    expect(r.stepMs).toEqual([250, 250, 250, 250, 250]);
    expect(r.stoppedBy).toBe('time');
  });

  it('a case the backend cannot run gets an error; the others still run', async () => {
    const res = await runBenchmark([tiny('all'), tiny('bn')], opts({ steps: 1 }), {
      unsupported: (c) => (c.mode === 'all' ? 'no Conv2DBackpropFilter kernel' : null),
    });
    expect(res[0]).toMatchObject({ stoppedBy: 'error', error: { name: 'UnsupportedError', message: 'no Conv2DBackpropFilter kernel' }, stepMs: [] });
    expect(res[1].stepMs).toHaveLength(1);
  });

  it('profiles one step per case', async () => {
    const [r] = await runBenchmark([tiny('bn')], opts({ steps: 1, profile: true }));
    const p = r.profile!;
    expect(p.kernels.length).toBeGreaterThan(5);
    expect(p.kernels.map((k) => k.name)).toContain('Conv2D');
    expect(p.kernels.every((k) => tf.getKernel(k.name, 'cpu') != null)).toBe(true);
    const sorted = [...p.kernels].sort((a, b) => b.totalMs - a.totalMs);
    expect(p.kernels.map((k) => k.totalMs)).toEqual(sorted.map((k) => k.totalMs));
  });
});

describe('the worker `benchmark` command over a MessageChannel', () => {
  const closers: (() => void)[] = [];
  afterEach(() => closers.splice(0).forEach((f) => f()));

  function rig() {
    const ch = new MessageChannel();
    const backend = createBackendControl({ loaders: { cpu: () => import('@tensorflow/tfjs-backend-cpu') } });
    const stop = serveTraining(ch.port1, { backend });
    const client = createTrainingClient(ch.port2);
    const seen: WorkerEvent[] = [];
    client.onAny((e) => seen.push(e));
    closers.push(() => {
      client.dispose();
      stop();
      ch.port1.close();
      ch.port2.close();
    });
    const next = <T extends 'benchmarkResult' | 'error'>(type: T) =>
      new Promise<EventOf<T>>((resolve) => {
        const off = client.on(type, (e) => {
          off();
          resolve(e);
        });
      });
    return { client, seen, next };
  }

  it('answers with progress and every case, delivered with no current run', async () => {
    const r = rig();
    await r.client.init('cpu', 'bn');
    const done = r.next('benchmarkResult');
    r.client.send({ type: 'benchmark', benchId: 'b1', cases: [tiny('bn'), tiny('all')], options: opts({ steps: 2 }) });
    const ev = await done;
    expect(ev.benchId).toBe('b1');
    expect(ev.backend.name).toBe('cpu');
    expect(ev.results.map((x) => [x.case.mode, x.stepMs.length, x.warmupMs.length])).toEqual([['bn', 2, 1], ['all', 2, 1]]);
    expect(r.seen.some((e) => e.type === 'benchmarkProgress' && e.benchId === 'b1')).toBe(true);
  });

  it('refuses before init, naming what is missing', async () => {
    const r = rig();
    const err = r.next('error');
    r.client.send({ type: 'benchmark', benchId: 'b2', cases: [tiny('bn')], options: opts() });
    expect((await err).error.message).toMatch(/no backend is active.*send init/);
  });
});
