/**
 * The run on screen: its record (config, full series, results), where the worker is
 * (`progress`), and the commands that drive it. A start waits for the backend and the data
 * (`pending`), then sends `start`; every command carries the current protocol run id, and
 * events of any other id are dropped by `handleEvent`.
 */
import type { StateCreator } from 'zustand';
import type { ProgressEvent, StartCommand } from '../../protocol/messages.ts';
import type { ExperimentConfig } from '../../core/config.ts';
import { DEFAULT_SERVED_SOURCE } from '../data/sources.ts';
import { inspectCheckpoint } from '../lib/checkpointFile.ts';
import { configIssues } from './configSlice.ts';
import type { LabState, SliceDeps } from './index.ts';
import { newRunRecord, truncatedAt } from './runSeries.ts';
import type { RunRecord } from './runTypes.ts';

/** The last `progress` event, with its optional fields made explicit. */
export type ProgressState = Omit<ProgressEvent, 'type' | 'runId' | 'firstStepMs' | 'throttled'> & {
  firstStepMs: number | null;
  throttled: boolean;
};

/** A command waiting for the backend and data to be ready. */
export type PendingCommand =
  | { kind: 'start'; config: ExperimentConfig; options: Omit<StartCommand, 'type' | 'runId' | 'config'> }
  | { kind: 'import'; bytes: Uint8Array };

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface RunSlice {
  run: RunRecord | null;
  /** Protocol run id whose events are accepted. */
  activeRunId: string | null;
  progress: ProgressState | null;
  pending: PendingCommand | null;
  /** Latest checkpoint of the current run (bytes as the worker sent them). */
  checkpoint: { step: number; bytes: Uint8Array } | null;
  notice: Notice | null;
  startRun: () => boolean;
  pauseRun: () => void;
  resumeRun: () => void;
  stopRun: () => void;
  evaluateNow: () => void;
  /** Asks the worker for a checkpoint now; resolves with its bytes. */
  requestCheckpoint: () => Promise<Uint8Array>;
  /**
   * Loads a trained model (checkpoint file or shared link) and evaluates it. A file that fails
   * the first look is refused here (false) and changes nothing.
   */
  importModel: (bytes: Uint8Array, name: string) => boolean;
  /** What the screen showed before an import, restored if the worker refuses the file. */
  importFallback: { run: RunRecord | null; activeRunId: string | null; config: ExperimentConfig } | null;
  /** Continues a saved run from its last checkpoint. */
  resumeSaved: (id: string) => Promise<void>;
  /** Shows a saved run (when nothing is running). */
  showRun: (id: string) => void;
  setNotice: (n: Notice | null) => void;
  /** Sends what waits, once the backend and data are ready. */
  flushPending: () => void;
  /** Saves the current record (at most every persistIntervalMs unless `force`). */
  persistRun: (force?: boolean) => Promise<void>;
}

export const isActive = (run: RunRecord | null): boolean =>
  !!run && (run.status === 'starting' || run.status === 'running' || run.status === 'paused');

export const createRunSlice = (d: SliceDeps): StateCreator<LabState, [], [], RunSlice> => (set, get) => {
  let lastPersist = 0;

  /** Initialises the backend and loads data as the pending command needs. */
  const prepare = () => {
    const s = get();
    const mode = s.run?.config.mode ?? s.config.mode;
    const req = s.backend.requested;
    if (s.backend.status === 'idle' || s.backend.status === 'error' || req?.choice !== s.backendChoice || req?.mode !== mode) {
      s.initBackend(s.backendChoice, mode);
    }
    if (s.data.status === 'idle' || s.data.status === 'error') s.loadData(s.dataSource ?? DEFAULT_SERVED_SOURCE);
    get().flushPending();
  };

  const sendRun = (type: 'pause' | 'resume' | 'stop' | 'evaluate' | 'exportCheckpoint') => {
    const id = get().activeRunId;
    if (id) d.send({ type, runId: id });
  };

  return {
    run: null,
    activeRunId: null,
    progress: null,
    pending: null,
    checkpoint: null,
    notice: null,
    importFallback: null,

    startRun: () => {
      const s = get();
      if (isActive(s.run) || configIssues(s.config).length) return false;
      const id = d.newId();
      const run = newRunRecord(id, s.config, s.backendChoice, d.now());
      set({
        run, activeRunId: null, checkpoint: null, notice: null,
        progress: { phase: 'starting', step: 0, totalSteps: 0, epoch: 0, imagesPerSecond: 0, etaSeconds: null, firstStepMs: null, throttled: false },
        pending: { kind: 'start', config: s.config, options: {} },
      });
      void get().persistRun(true);
      prepare();
      return true;
    },
    pauseRun: () => sendRun('pause'),
    resumeRun: () => sendRun('resume'),
    stopRun: () => {
      const s = get();
      if (s.pending?.kind === 'start' && s.run) {
        set({ pending: null, run: { ...s.run, status: 'stopped' }, progress: null });
        void get().persistRun(true);
        return;
      }
      sendRun('stop');
    },
    evaluateNow: () => sendRun('evaluate'),
    requestCheckpoint: () =>
      new Promise<Uint8Array>((resolve, reject) => {
        const s = get();
        if (!s.run) return reject(new Error('No run to checkpoint.'));
        if (!isActive(s.run) || !s.activeRunId) {
          // A finished run keeps its last checkpoint in the repo.
          void d.repo.getCheckpoint(s.run.id).then((c) => (c ? resolve(c.bytes) : reject(new Error('This run has no checkpoint.'))), reject);
          return;
        }
        d.checkpointWaiters.push({ resolve, reject });
        sendRun('exportCheckpoint');
      }),
    importModel: (bytes, name) => {
      const s = get();
      if (isActive(s.run)) {
        set({ notice: { kind: 'error', text: 'Stop the current run before loading a model.' } });
        return false;
      }
      const look = inspectCheckpoint(bytes, name);
      if (!look.ok) {
        set({ notice: { kind: 'error', text: look.error } });
        return false;
      }
      const id = d.newId();
      const run = { ...newRunRecord(id, look.config, s.backendChoice, d.now()), name, status: 'starting' as const };
      set({
        run, activeRunId: null, progress: null, checkpoint: null, notice: null, pending: { kind: 'import', bytes },
        importFallback: { run: s.run, activeRunId: s.activeRunId, config: s.config },
      });
      prepare();
      return true;
    },
    resumeSaved: async (id) => {
      if (isActive(get().run)) return;
      // The in-memory list is current even while the last save is still being written.
      const ckpt = await d.repo.getCheckpoint(id);
      const saved = get().runs.find((r) => r.id === id) ?? (await d.repo.list()).find((r) => r.id === id);
      if (!saved || !ckpt) {
        set({ notice: { kind: 'error', text: 'This run has no checkpoint to continue from.' } });
        return;
      }
      const run: RunRecord = { ...truncatedAt(saved, ckpt.step), status: 'starting', error: null };
      set({
        run, activeRunId: null, config: saved.config, checkpoint: { step: ckpt.step, bytes: ckpt.bytes }, notice: null,
        progress: { phase: 'starting', step: ckpt.step, totalSteps: saved.totalSteps, epoch: 0, imagesPerSecond: 0, etaSeconds: null, firstStepMs: null, throttled: false },
        pending: { kind: 'start', config: saved.config, options: { resume: ckpt.bytes.slice() } },
      });
      prepare();
    },
    showRun: (id) => {
      if (isActive(get().run)) return;
      const r = get().runs.find((x) => x.id === id);
      if (r) set({ run: r, activeRunId: null, progress: null, checkpoint: null });
    },
    setNotice: (notice) => set({ notice }),
    flushPending: () => {
      const s = get();
      if (!s.pending || s.backend.status !== 'ready' || s.data.status !== 'ready') return;
      const p = s.pending;
      const activeRunId = p.kind === 'start' ? d.client.start(p.config, p.options) : d.client.importCheckpoint(p.bytes);
      set({ pending: null, activeRunId });
    },
    persistRun: async (force = false) => {
      const run = get().run;
      if (!run || run.status === 'imported') return;
      const t = d.now();
      if (!force && t - lastPersist < d.persistIntervalMs) return;
      lastPersist = t;
      get().upsertRun(run);
      try {
        await d.repo.put(run);
      } catch (e) {
        set({ notice: { kind: 'error', text: `Could not save the run: ${(e as Error).message}` } });
      }
    },
  };
};

