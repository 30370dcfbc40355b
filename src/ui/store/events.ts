/**
 * Worker events → store updates. Run-scoped events of any run id but the active one are
 * dropped (and counted): a late `step` of a stopped run must never land on the next run.
 */
import { unpackStepPoints, type WorkerEvent } from '../../protocol/messages.ts';
import { modelMacs } from '../../core/model/spec.ts';
import type { LabState, SliceDeps } from './index.ts';
import { withBn, withEval, withSteps } from './runSeries.ts';
import type { RunRecord, RunStatus } from './runTypes.ts';

type Set = (partial: Partial<LabState> | ((s: LabState) => Partial<LabState>)) => void;
type Get = () => LabState;

const explain = (e: { name: string; message: string }) => (e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message);

function updateRun(set: Set, get: Get, f: (r: RunRecord) => RunRecord): void {
  const run = get().run;
  if (run) set({ run: f(run) });
}

function handleRunEvent(e: WorkerEvent, set: Set, get: Get, d: SliceDeps): void {
  const now = d.now();
  switch (e.type) {
    case 'started':
      updateRun(set, get, (r) => ({ ...r, status: 'running', totalSteps: e.totalSteps, backend: e.backend, config: e.config, updatedAt: now }));
      void get().persistRun(true);
      return;
    case 'progress': {
      const status: RunStatus = e.phase === 'paused' ? 'paused' : 'running';
      set((s) => ({
        progress: {
          phase: e.phase, step: e.step, totalSteps: e.totalSteps, epoch: e.epoch, imagesPerSecond: e.imagesPerSecond,
          etaSeconds: e.etaSeconds, firstStepMs: e.firstStepMs ?? s.progress?.firstStepMs ?? null, throttled: !!e.throttled,
        },
        run: s.run && e.phase !== 'finished' && s.run.status !== 'imported' ? { ...s.run, status, firstStepMs: e.firstStepMs ?? s.run.firstStepMs } : s.run,
      }));
      const run = get().run;
      if (run && e.phase === 'training' && e.imagesPerSecond > 0) {
        get().setThroughput({ imagesPerSecond: e.imagesPerSecond, macs: modelMacs(run.config.depth, run.config.width), backend: run.backend?.name ?? '' });
      }
      return;
    }
    case 'step':
      updateRun(set, get, (r) => withSteps(r, unpackStepPoints(e.points), now));
      return;
    case 'bnStats':
      updateRun(set, get, (r) => withBn(r, e.step, e.bn, now));
      return;
    case 'evaluated':
      updateRun(set, get, (r) => withEval(r, e.result, now));
      void get().persistRun();
      return;
    case 'checkpoint': {
      set({ checkpoint: { step: e.step, bytes: e.bytes } });
      updateRun(set, get, (r) => ({ ...r, checkpointStep: e.step }));
      const run = get().run;
      if (run && run.status !== 'imported') void d.repo.putCheckpoint({ id: run.id, step: e.step, bytes: e.bytes.slice() });
      for (const w of d.checkpointWaiters.splice(0)) w.resolve(e.bytes.slice());
      return;
    }
    case 'imported':
      updateRun(set, get, (r) => ({ ...r, status: 'imported', config: e.config, totalSteps: e.step, updatedAt: now }));
      set({ config: e.config, importFallback: null });
      return;
    case 'finished':
      updateRun(set, get, (r) => ({ ...r, status: e.status, error: e.message ?? r.error, updatedAt: now }));
      set((s) => ({ progress: s.progress && { ...s.progress, phase: 'finished', etaSeconds: 0 } }));
      void get().persistRun(true);
      return;
    case 'error': {
      const text = explain(e.error);
      const fallback = get().importFallback;
      if (fallback && get().run?.status === 'starting') {
        // The worker refused an imported model: put back what was on screen.
        set({ ...fallback, importFallback: null, progress: null, pending: null, notice: { kind: 'error', text } });
        return;
      }
      updateRun(set, get, (r) => ({ ...r, error: text, status: e.scope === 'checkpoint' && r.status === 'starting' ? 'failed' : r.status }));
      if (e.scope === 'checkpoint') for (const w of d.checkpointWaiters.splice(0)) w.reject(new Error(text));
      set({ notice: { kind: 'error', text } });
      return;
    }
  }
}

export function handleWorkerEvent(e: WorkerEvent, set: Set, get: Get, d: SliceDeps): void {
  if ('runId' in e && typeof e.runId === 'string') {
    if (e.runId !== get().activeRunId) {
      set((s) => ({ droppedEvents: s.droppedEvents + 1 }));
      return;
    }
    handleRunEvent(e, set, get, d);
    return;
  }
  switch (e.type) {
    case 'ready':
      set((s) => ({ backend: { ...s.backend, status: 'ready', info: e.backend, error: null } }));
      get().flushPending();
      return;
    case 'dataProgress':
      set((s) => ({ data: { ...s.data, status: 'loading', loadedBytes: e.loadedBytes, totalBytes: e.totalBytes, file: e.file } }));
      return;
    case 'dataReady':
      set((s) => ({ data: { ...s.data, status: 'ready', description: e.description, trainCount: e.trainCount, testCount: e.testCount, error: null } }));
      get().flushPending();
      return;
    case 'error':
      if (e.scope === 'data') {
        set((s) => ({ data: { ...s.data, status: 'error', error: e.error } }));
      } else if (e.scope === 'init') {
        set((s) => ({ backend: { ...s.backend, status: 'error', error: e.error } }));
      }
      if (e.scope === 'data' || e.scope === 'init') {
        // A start that waited for these cannot go ahead.
        const s = get();
        if (s.pending && s.run) {
          set({ pending: null, run: { ...s.run, status: 'failed', error: explain(e.error) }, progress: null });
          if (s.pending.kind === 'start') void get().persistRun(true);
        }
      } else set({ notice: { kind: 'error', text: explain(e.error) } });
      return;
  }
}
