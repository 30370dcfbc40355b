import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { packStepPoints, type BackendInfo, type Command, type EvalPoint } from '../../protocol/messages.ts';
import { createMemoryRepo } from '../persist/runsRepo.ts';
import { createLabStore } from './index.ts';

const backend: BackendInfo = { name: 'cpu', adapter: null, software: true, reason: 'test', forced: true };
const bn = {
  overall: { '0.01': 0.1, '0.05': 0.2, '0.1': 0.3 },
  perLayer: [{ name: 'stem.bn', fractions: { '0.01': 0.1, '0.05': 0.2, '0.1': 0.3 } }],
  gammaHistogram: { edges: [0, 1], counts: [4] },
  betaHistogram: { edges: [0, 1], counts: [4] },
};
const evalPoint = (step: number, accuracy: number): EvalPoint => ({
  step, epoch: step / 10, loss: 2, accuracy, trainLoss: 2.1, trainAccuracy: 0.2, confusion: new Array(100).fill(0),
  predictions: new Uint8Array([1, 2]), deadRelu: { overall: 0.25, perLayer: [{ name: 'stem.bn', fraction: 0.25 }] }, bn,
});

function setup() {
  const sent: Command[] = [];
  const repo = createMemoryRepo();
  let t = 1000;
  let n = 0;
  const client = {
    send: (c: Command) => void sent.push(c),
    start: (config: typeof DEFAULT_CONFIG) => (sent.push({ type: 'start', runId: `p${n}`, config }), `p${n}`),
    importCheckpoint: (bytes: Uint8Array) => (sent.push({ type: 'importCheckpoint', runId: `p${n}`, bytes }), `p${n}`),
  };
  const store = createLabStore({ client, repo, now: () => (t += 10), newId: () => `r${n++}`, persistIntervalMs: 0 });
  return { store, sent, repo };
}

describe('lab store', () => {
  it('starts only once the backend and data are ready, then records the series', async () => {
    const { store, sent, repo } = setup();
    const s = () => store.getState();
    s().setField('depth', 8);
    s().setField('trainSize', 100);
    s().setField('batchSize', 50);
    expect(s().startRun()).toBe(true);
    expect(sent.map((c) => c.type)).toEqual(['init', 'loadData']);
    expect(s().startRun()).toBe(false); // already running
    s().handleEvent({ type: 'ready', version: 1, backend });
    expect(sent).toHaveLength(2);
    s().handleEvent({ type: 'dataReady', trainCount: 50000, testCount: 10000, description: 'd' });
    const start = sent[2];
    expect(start).toMatchObject({ type: 'start', runId: 'p1', config: { depth: 8, trainSize: 100, batchSize: 50 } });
    s().handleEvent({ type: 'started', runId: 'p1', config: s().config, totalSteps: 4, stepsPerEpoch: 2, fromStep: 0, backend });
    s().handleEvent({ type: 'step', runId: 'p1', points: packStepPoints([{ step: 1, epoch: 0.5, loss: 2.3, accuracy: 0.1, lr: 0.1, imagesPerSecond: 10 }]) });
    s().handleEvent({ type: 'step', runId: 'stale', points: packStepPoints([{ step: 9, epoch: 9, loss: 9, accuracy: 9, lr: 9, imagesPerSecond: 9 }]) });
    s().handleEvent({ type: 'progress', runId: 'p1', phase: 'paused', step: 1, totalSteps: 4, epoch: 0.5, imagesPerSecond: 10, etaSeconds: 30 });
    expect(s().run!.status).toBe('paused');
    s().handleEvent({ type: 'evaluated', runId: 'p1', result: evalPoint(2, 0.3) });
    s().handleEvent({ type: 'finished', runId: 'p1', status: 'completed', step: 4, lastCheckpointStep: null });
    const run = s().run!;
    expect(run.steps.map((p) => p.step)).toEqual([1]);
    expect(s().droppedEvents).toBe(1);
    expect(run.evals).toEqual([{ step: 2, epoch: 0.2, testLoss: 2, testAccuracy: 0.3, trainLoss: 2.1, trainAccuracy: 0.2, deadRelu: 0.25 }]);
    expect(run.bnLayers).toEqual(['stem.bn']);
    expect(run.results!.testAccuracy).toBe(0.3);
    expect(run.status).toBe('completed');
    await new Promise((r) => setTimeout(r, 0));
    const saved = await repo.list();
    expect(saved.map((r) => [r.id, r.status, r.steps.length])).toEqual([['r0', 'completed', 1]]);
    expect(s().runs.map((r) => r.id)).toEqual(['r0']);
  });

  it('refuses to start an invalid config and explains it by field', () => {
    const { store, sent } = setup();
    store.getState().setField('depth', 15);
    expect(store.getState().startRun()).toBe(false);
    expect(sent).toEqual([]);
  });

  it('refuses a garbage checkpoint without touching the screen', () => {
    const { store, sent } = setup();
    const ok = store.getState().importModel(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), 'bad.ckpt');
    expect(ok).toBe(false);
    expect(store.getState().run).toBeNull();
    expect(store.getState().notice!.text).toMatch(/bad\.ckpt is not a usable checkpoint: it does not start with the checkpoint signature/);
    expect(sent).toEqual([]);
  });

  it('marks runs interrupted by a reload as stopped', async () => {
    const { store, repo } = setup();
    const s = store.getState();
    s.startRun();
    await new Promise((r) => setTimeout(r, 0));
    const fresh = createLabStore({ client: { send: () => {}, start: () => 'x', importCheckpoint: () => 'y' }, repo });
    await fresh.getState().loadRuns();
    expect(fresh.getState().runs[0]).toMatchObject({ status: 'stopped', error: expect.stringMatching(/Interrupted/) });
    await fresh.getState().renameRun(fresh.getState().runs[0].id, '  mine ');
    expect((await repo.list())[0].name).toBe('mine');
    await fresh.getState().deleteRun('r0');
    expect(await repo.list()).toEqual([]);
  });

  it('keeps the default config until told otherwise', () => {
    expect(setup().store.getState().config).toEqual(DEFAULT_CONFIG);
  });
});
