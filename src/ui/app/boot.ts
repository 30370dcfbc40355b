/**
 * Starts the lab: the training worker (through its client, src/worker/client.ts), the runs
 * repository in IndexedDB, the store, the e2e test handle. Then, without waiting for the
 * user: saved runs are read, the backend is initialised, and the served CIFAR-10 is loaded
 * when `npm run data` prepared it. A `run=1` link starts its run once all that is ready.
 */
import { modelMacs } from '../../core/model/spec.ts';
import { createWorkerClient } from '../../worker/client.ts';
import { DEFAULT_SERVED_SOURCE, SERVED_BASE_URL } from '../data/sources.ts';
import { createIndexedDbRepo } from '../persist/runsDb.ts';
import { createMemoryRepo, trackWrites } from '../persist/runsRepo.ts';
import { createLabStore, type LabStore } from '../store/index.ts';
import type { RunRecord } from '../store/runTypes.ts';
import { setLabStore } from './labStore.ts';
import { installTestHandle } from './testHandle.ts';

/** Median images/s of a saved run, as the speed to estimate costs with. */
function throughputOf(r: RunRecord) {
  const ips = r.steps.map((p) => p.imagesPerSecond).filter((v) => v > 0).sort((a, b) => a - b);
  if (!ips.length || !r.backend) return null;
  return { imagesPerSecond: ips[Math.floor(ips.length / 2)], macs: modelMacs(r.config.depth, r.config.width), backend: r.backend.name };
}

/** Whether `npm run data` prepared the served folder. */
async function servedDataExists(): Promise<boolean> {
  try {
    const res = await fetch(`${SERVED_BASE_URL}manifest.json`, { method: 'HEAD', cache: 'no-store' });
    return res.ok;
  } catch {
    return false;
  }
}

export function bootLab(): LabStore {
  const client = createWorkerClient();
  const repo = trackWrites(typeof indexedDB === 'undefined' ? createMemoryRepo() : createIndexedDbRepo());
  const store = createLabStore({ client, repo });
  client.onAny((e) => store.getState().handleEvent(e));
  setLabStore(store);
  installTestHandle(store, client, repo);
  return store;
}

/** After the URL is applied: the work that does not wait for a click. */
let started = false;

export async function startLab(store: LabStore): Promise<void> {
  if (started) return;
  started = true;
  const s = store.getState();
  s.initBackend(s.backendChoice, s.config.mode);
  const [, served] = await Promise.all([
    s.loadRuns().then(() => {
      const latest = store.getState().runs.map(throughputOf).find((t) => t);
      if (latest && !store.getState().throughput) store.getState().setThroughput(latest);
    }),
    servedDataExists(),
  ]);
  const now = store.getState();
  if (served && now.data.status === 'idle') now.loadData(DEFAULT_SERVED_SOURCE);
  if (now.autoRun) {
    now.clearAutoRun();
    if (!now.startRun()) now.setNotice({ kind: 'error', text: 'The link asked to start a run, but its settings are not valid.' });
  }
}
