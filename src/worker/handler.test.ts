/**
 * The handler over a MessageChannel with the cpu backend and a tiny ResNet-8 (width 4) on
 * a slice of the real CIFAR-10 files in $CIFAR10_DIR (skipped, with a note, without them).
 * The page side is the real client (createTrainingClient), so stale-run dropping is tested
 * end to end; a raw listener on the same port sees what the client filtered.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ExperimentConfig } from '../core/config.ts';
import { parseCifarBatch, type CifarDataset, type CifarSplit } from '../core/data/index.ts';
import { decodeCheckpoint } from '../core/train/checkpoint.ts';
import { unpackStepPoints, type EventOf, type EventType, type WorkerEvent } from '../protocol/messages.ts';
import { createBackendControl, type BackendControl } from './backend.ts';
import { createTrainingClient, type TrainingClient } from './client.ts';
import { loadCifar } from './data.ts';
import { serveTraining, type HandlerOptions } from './handler.ts';

const dir = process.env.CIFAR10_DIR;
if (!dir) console.warn('[handler.test] CIFAR10_DIR is unset: skipping the worker handler tests (they train on real CIFAR-10 records).');

function head(split: CifarSplit, n: number): CifarSplit {
  return { images: split.images.subarray(0, n * 3072), labels: split.labels.subarray(0, n), count: n };
}

let dataset: CifarDataset;
let backend: BackendControl;

/** ResNet-8, width 4, batch 8 on 80 training images: 10 steps per epoch. */
const tiny = (over: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
  ...DEFAULT_CONFIG, depth: 8, width: 4, batchSize: 8, trainSize: 80, testSize: 40, epochs: 2, augment: true, seed: 7, ...over,
});

interface Rig {
  client: TrainingClient;
  /** Every event the port received, before the client's filtering. */
  raw: WorkerEvent[];
  /** Events the client delivered, and when (performance.now()). */
  seen: WorkerEvent[];
  seenAt: number[];
  next<T extends EventType>(type: T, pred?: (e: EventOf<T>) => boolean, timeoutMs?: number): Promise<EventOf<T>>;
  close(): void;
}

const rigs: Rig[] = [];

function rig(opts: Partial<HandlerOptions> = {}): Rig {
  const ch = new MessageChannel();
  const stop = serveTraining(ch.port1, {
    backend,
    loadData: async () => ({ dataset, description: 'test slice' }),
    run: { flushIntervalMs: 200, trainer: { readIntervalMs: 0, bnIntervalMs: 1e9 } },
    ...opts,
  });
  const client = createTrainingClient(ch.port2);
  const raw: WorkerEvent[] = [];
  const seen: WorkerEvent[] = [];
  const seenAt: number[] = [];
  ch.port2.addEventListener('message', (ev) => raw.push(...(Array.isArray(ev.data) ? ev.data : [ev.data])));
  client.onAny((e) => {
    seen.push(e);
    seenAt.push(performance.now());
  });
  const r: Rig = {
    client, raw, seen, seenAt,
    next(type, pred = () => true, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; seen: ${seen.map((e) => e.type).join(',')}`)), timeoutMs);
        const off = client.on(type, (e) => {
          if (!pred(e)) return;
          clearTimeout(timer);
          off();
          resolve(e);
        });
      });
    },
    close() {
      client.dispose();
      stop();
      ch.port1.close();
      ch.port2.close();
    },
  };
  rigs.push(r);
  return r;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stepsOf = (events: WorkerEvent[], runId?: string) =>
  events.flatMap((e) => (e.type === 'step' && (!runId || e.runId === runId) ? unpackStepPoints(e.points).map((p) => p.step) : []));

describe.skipIf(!dir)('worker handler over a MessageChannel (cpu, ResNet-8 w4, real CIFAR-10 slice)', () => {
  beforeAll(async () => {
    const train = parseCifarBatch('data_batch_1.bin', readFileSync(join(dir!, 'data_batch_1.bin')));
    const test = parseCifarBatch('test_batch.bin', readFileSync(join(dir!, 'test_batch.bin')));
    dataset = { train: head(train, 1000), test: head(test, 500), meta: null };
    backend = createBackendControl({ loaders: { cpu: () => import('@tensorflow/tfjs-backend-cpu') } });
  });

  afterEach(() => {
    for (const r of rigs.splice(0)) r.close();
  });

  async function ready(r: Rig) {
    const info = await r.client.init('auto', 'bn');
    await r.client.loadData({ kind: 'served', baseUrl: 'http://unused.invalid/' });
    return info;
  }

  it('reports the backend it chose and why', async () => {
    const r = rig();
    const ready_ = await r.client.init('auto', 'bn');
    expect(ready_.backend.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(ready_.backend.reason).toMatch(/no WebGPU adapter/);
    expect(ready_.backend.forced).toBe(false);
  });

  it('start → steps → pause → resume → stop, with deltas at a bounded rate and a final checkpoint', async () => {
    const r = rig();
    await ready(r);
    const before = tf.memory().numTensors;
    const runId = r.client.start(tiny({ epochs: 6 }), { checkpoints: { everySteps: 0, everySeconds: 0 } });
    const started = await r.next('started');
    expect(started).toMatchObject({ runId, totalSteps: 60, stepsPerEpoch: 10, fromStep: 0 });
    await r.next('step');
    r.client.pause();
    await r.next('progress', (p) => p.phase === 'paused');
    await sleep(400); // the step that was running when pause arrived finishes
    const atPause = Math.max(...stepsOf(r.seen));
    await sleep(800);
    expect(Math.max(...stepsOf(r.seen))).toBe(atPause); // nothing moves while paused
    expect(atPause).toBeLessThan(60);

    r.client.resume();
    await r.next('step', (e) => e.points.step[e.points.step.length - 1] > atPause);
    r.client.stop();
    const fin = await r.next('finished');
    expect(fin.status).toBe('stopped');
    const steps = stepsOf(r.seen);
    // Deltas: every step exactly once, in order, none repeated across messages.
    expect(steps).toEqual(Array.from({ length: fin.step }, (_, i) => i + 1));
    const final = r.seen.find((e): e is EventOf<'checkpoint'> => e.type === 'checkpoint' && e.reason === 'final')!;
    expect(final.step).toBe(fin.step);
    expect(fin.lastCheckpointStep).toBe(fin.step);
    expect(decodeCheckpoint(final.bytes).step).toBe(fin.step);

    // Bounded rate: one step+progress pair per 200 ms flush, plus one per phase change.
    const stepTimes = r.seenAt.filter((_, i) => r.seen[i].type === 'step');
    const phases = r.seen.filter((e) => e.type === 'progress').map((e) => (e as EventOf<'progress'>).phase);
    const phaseChanges = phases.filter((p, i) => i > 0 && p !== phases[i - 1]).length;
    const spanS = (stepTimes[stepTimes.length - 1] - stepTimes[0]) / 1000;
    expect(stepTimes.length).toBeLessThanOrEqual(Math.ceil(spanS / 0.2) + phaseChanges + 2);
    expect(r.seen.filter((e) => e.type === 'step').every((e) => (e as EventOf<'step'>).points.step.length >= 1)).toBe(true);
    // The model stays for evaluate/export after a stop; the next init frees all of it.
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await r.client.init('auto', 'bn');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drops events of a stale run and answers commands for it with a dropped error', async () => {
    const r = rig();
    await ready(r);
    const a = r.client.start(tiny({ epochs: 5 }));
    const b = r.client.start(tiny({ epochs: 0.2 }));
    const finB = await r.next('finished');
    expect(finB).toMatchObject({ runId: b, status: 'completed', step: 2 });
    r.client.send({ type: 'pause', runId: a });
    await sleep(100);
    expect(r.raw.some((e) => 'runId' in e && e.runId === a && e.type === 'started')).toBe(true);
    expect(r.raw.some((e) => e.type === 'finished' && e.runId === a)).toBe(true); // superseded
    expect(r.raw.some((e) => e.type === 'error' && e.runId === a && e.scope === 'protocol')).toBe(true);
    expect(r.seen.every((e) => !('runId' in e) || e.runId === b)).toBe(true);
    expect(r.client.dropped).toBeGreaterThanOrEqual(3);
  });

  it('resuming from a periodic checkpoint ends bit-identical to an uninterrupted run', async () => {
    const r = rig();
    await ready(r);
    const cfg = tiny({ epochs: 1 });
    r.client.start(cfg);
    const whole = await r.next('checkpoint', (c) => c.reason === 'final');
    expect(whole.step).toBe(10);

    r.client.start(cfg, { checkpoints: { everySteps: 4, everySeconds: 0 } });
    const mid = await r.next('checkpoint', (c) => c.reason === 'periodic');
    const midBytes = mid.bytes.slice();
    r.client.stop();
    await r.next('finished');
    expect(mid.step).toBeGreaterThanOrEqual(4);

    r.client.start(cfg, { resume: midBytes });
    const started = await r.next('started');
    expect(started.fromStep).toBe(mid.step);
    const resumed = await r.next('checkpoint', (c) => c.reason === 'final');
    const fin = await r.next('finished');
    expect(fin).toMatchObject({ status: 'completed', step: 10 });
    expect(stepsOf(r.seen, fin.runId)[0]).toBe(mid.step + 1); // no step repeated, none lost
    expect(Buffer.from(resumed.bytes).equals(Buffer.from(whole.bytes))).toBe(true);
  });

  it('a step that throws is reported, ends the run and leaks no tensor', async () => {
    const r = rig();
    await ready(r);
    const before = tf.memory().numTensors;
    const orig = tf.getKernel('Conv2D', 'cpu')!;
    let armed = false;
    let calls = 0;
    tf.unregisterKernel('Conv2D', 'cpu');
    tf.registerKernel({
      ...orig,
      kernelFunc: (args) => {
        // The third conv of the next step: its forward has intermediates alive when it throws.
        if (armed && ++calls === 3) throw new Error('injected kernel failure');
        return orig.kernelFunc(args);
      },
    });
    try {
      const off = r.client.on('step', () => (armed = true));
      r.client.start(tiny({ epochs: 3 }));
      const err = await r.next('error');
      off();
      const fin = await r.next('finished');
      expect(err).toMatchObject({ scope: 'run', error: { name: 'Error', message: 'injected kernel failure' } });
      expect(err.error.stack).toBeTruthy();
      expect(fin.status).toBe('failed');
      expect(fin.message).toMatch(/Training failed at step \d+: injected kernel failure/);
      expect(stepsOf(r.seen).length).toBeGreaterThan(0); // metrics so far were delivered
      await sleep(50);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      tf.unregisterKernel('Conv2D', 'cpu');
      tf.registerKernel(orig);
    }
  });

  it('a device loss ends the run visibly, keeps its metrics, and the run resumes from its last checkpoint', async () => {
    const r = rig();
    await ready(r);
    const before = tf.memory().numTensors;
    const cfg = tiny({ epochs: 3 });
    const runId = r.client.start(cfg, { checkpoints: { everySteps: 3, everySeconds: 0 } });
    const ckpt = await r.next('checkpoint');
    const bytes = ckpt.bytes.slice();
    r.client.simulateDeviceLoss();
    const err = await r.next('error');
    const fin = await r.next('finished');
    expect(err).toMatchObject({ runId, scope: 'device', error: { name: 'DeviceLostError' } });
    expect(err.error.message).toMatch(/device lost on cpu \(simulated by the test hook\)/);
    expect(fin.status).toBe('failed');
    expect(fin.lastCheckpointStep).toBeGreaterThanOrEqual(ckpt.step);
    expect(fin.message).toMatch(/resume from the checkpoint at step \d+/);
    expect(stepsOf(r.seen, runId).length).toBeGreaterThanOrEqual(ckpt.step); // measured points were delivered
    // The lost run's tensors are freed (its loop lets go of the last two when it notices the abort).
    await expect.poll(() => tf.memory().numTensors, { timeout: 5000 }).toBe(before);

    const resumed = r.client.start(cfg, { resume: bytes });
    const started = await r.next('started', (e) => e.runId === resumed);
    expect(started.fromStep).toBe(ckpt.step);
    expect(started.backend.name).toBe('cpu'); // re-activated after the loss, and said so
    const done = await r.next('finished', (e) => e.runId === resumed);
    expect(done).toMatchObject({ status: 'completed', step: 30 });
    expect(stepsOf(r.seen, resumed)[0]).toBe(ckpt.step + 1);
  });

  it('importCheckpoint evaluates a trained model without training', async () => {
    const r = rig();
    await ready(r);
    r.client.start(tiny({ epochs: 1 }));
    const lastEval = await r.next('evaluated');
    const final = await r.next('checkpoint', (c) => c.reason === 'final');
    await r.next('finished');
    const id = r.client.importCheckpoint(final.bytes);
    const imported = await r.next('imported');
    expect(imported).toMatchObject({ runId: id, step: 10 });
    const ev = await r.next('evaluated');
    expect(ev.result.accuracy).toBe(lastEval.result.accuracy);
    expect(ev.result.loss).toBeCloseTo(lastEval.result.loss, 6);
    expect(r.seen.filter((e) => e.type === 'step' && e.runId === id)).toHaveLength(0);
  });

  it('reports bad input as errors that name the problem', async () => {
    const r = rig({ loadData: (s, p) => loadCifar(s, p, async () => new Response('nope', { status: 404, statusText: 'Not Found' })) });
    r.client.send({ type: 'init', version: 999, backend: 'auto', mode: 'bn' });
    const e1 = await r.next('error');
    expect(e1).toMatchObject({ scope: 'init' });
    expect(e1.error.message).toMatch(/protocol version 999/);
    await r.client.init('auto', 'bn');
    await expect(r.client.loadData({ kind: 'served', baseUrl: 'http://localhost:1/data/' })).rejects.toThrow(/manifest\.json: 404 Not Found/);
    r.client.start(tiny());
    const e2 = await r.next('error');
    expect(e2.error.message).toMatch(/no data/);
  });

  it('says the run is throttled when steps slow down while the page is hidden, and stops saying so when it is back', async () => {
    // A clock that the test can make run 10× fast: hidden steps then look 10× slower, as a
    // browser holding back a background tab would make them.
    let scale = 1;
    let last = performance.now();
    let clock = 0;
    const now = () => {
      const t = performance.now();
      clock += (t - last) * scale;
      last = t;
      return clock;
    };
    const r = rig({ now });
    await ready(r);
    r.client.start(tiny({ epochs: 40 }), { checkpoints: { everySteps: 0, everySeconds: 0 } });
    await r.next('step', (e) => e.points.step[e.points.step.length - 1] >= 8);
    const visible = r.seen.filter((e) => e.type === 'progress');
    expect(visible.some((e) => e.type === 'progress' && e.throttled)).toBe(false);

    r.client.setHidden(true);
    await sleep(50);
    scale = 10;
    const throttled = await r.next('progress', (p) => !!p.throttled, 30_000);
    expect(['training', 'evaluating']).toContain(throttled.phase);
    // Back in front, at the normal pace: the flag goes away.
    scale = 1;
    r.client.setHidden(false);
    const back = await r.next('progress', (p) => !p.throttled, 30_000);
    expect(back.step).toBeGreaterThanOrEqual(throttled.step);
    r.client.stop();
    await r.next('finished');
  });
});
