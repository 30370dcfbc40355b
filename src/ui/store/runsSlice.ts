/**
 * Saved runs (IndexedDB through the repo): the list, rename, delete, and which ones are
 * overlaid on the charts. A run that was running when the page went away is marked
 * "stopped" on load; it can continue from its last checkpoint.
 */
import type { StateCreator } from 'zustand';
import type { LabState, SliceDeps } from './index.ts';
import type { RunRecord } from './runTypes.ts';

export interface RunsSlice {
  runs: RunRecord[];
  runsLoaded: boolean;
  /** Run ids drawn together on the charts (besides the current run). */
  overlayIds: string[];
  loadRuns: () => Promise<void>;
  upsertRun: (run: RunRecord) => void;
  renameRun: (id: string, name: string) => Promise<void>;
  deleteRun: (id: string) => Promise<void>;
  toggleOverlay: (id: string) => void;
}

const interrupted = (r: RunRecord): RunRecord =>
  r.status === 'running' || r.status === 'starting' || r.status === 'paused'
    ? { ...r, status: 'stopped', error: r.error ?? 'Interrupted: the page was closed or reloaded while it ran.' }
    : r;

export const createRunsSlice = (d: SliceDeps): StateCreator<LabState, [], [], RunsSlice> => (set, get) => ({
  runs: [],
  runsLoaded: false,
  overlayIds: [],
  loadRuns: async () => {
    try {
      const runs = (await d.repo.list()).map(interrupted);
      set({ runs, runsLoaded: true });
    } catch (e) {
      set({ runsLoaded: true, notice: { kind: 'error', text: `Saved runs could not be read: ${(e as Error).message}` } });
    }
  },
  upsertRun: (run) =>
    set((s) => {
      const i = s.runs.findIndex((r) => r.id === run.id);
      const runs = i < 0 ? [run, ...s.runs] : s.runs.map((r) => (r.id === run.id ? run : r));
      return { runs };
    }),
  renameRun: async (id, name) => {
    const r = get().runs.find((x) => x.id === id);
    const clean = name.trim();
    if (!r || !clean) return;
    const renamed = { ...r, name: clean };
    get().upsertRun(renamed);
    if (get().run?.id === id) set((s) => ({ run: s.run && { ...s.run, name: clean } }));
    await d.repo.put(renamed);
  },
  deleteRun: async (id) => {
    set((s) => ({ runs: s.runs.filter((r) => r.id !== id), overlayIds: s.overlayIds.filter((x) => x !== id) }));
    await d.repo.delete(id);
  },
  toggleOverlay: (id) =>
    set((s) => ({ overlayIds: s.overlayIds.includes(id) ? s.overlayIds.filter((x) => x !== id) : [...s.overlayIds, id] })),
});
