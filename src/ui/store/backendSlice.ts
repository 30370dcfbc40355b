/**
 * The backend the worker runs on (after `init`) and the speed measured on it, which the form
 * uses to estimate the cost of a run before it starts.
 */
import type { StateCreator } from 'zustand';
import type { FreezeMode } from '../../core/config.ts';
import type { BackendChoice, BackendInfo, ErrorData } from '../../protocol/messages.ts';
import type { Throughput } from '../lib/costEstimate.ts';
import type { LabState, SliceDeps } from './index.ts';

export interface BackendState {
  status: 'idle' | 'initialising' | 'ready' | 'error';
  info: BackendInfo | null;
  /** What the current `init` was asked for; a different choice or mode re-initialises. */
  requested: { choice: BackendChoice; mode: FreezeMode } | null;
  error: ErrorData | null;
}

export interface BackendSlice {
  backend: BackendState;
  /** Latest measured training speed, from a run on this page or a saved run. */
  throughput: Throughput | null;
  initBackend: (choice: BackendChoice, mode: FreezeMode) => void;
  setThroughput: (t: Throughput) => void;
}

export const INITIAL_BACKEND: BackendState = { status: 'idle', info: null, requested: null, error: null };

export const createBackendSlice = (deps: SliceDeps): StateCreator<LabState, [], [], BackendSlice> => (set) => ({
  backend: INITIAL_BACKEND,
  throughput: null,
  initBackend: (choice, mode) => {
    set((s) => ({ backend: { ...s.backend, status: 'initialising', requested: { choice, mode }, error: null } }));
    deps.send({ type: 'init', version: deps.version, backend: choice, mode });
  },
  setThroughput: (throughput) => set({ throughput }),
});
