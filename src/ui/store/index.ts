/**
 * The page's one store, built from slices (zustand docs): experiment config, the current run
 * and its metric series, saved runs, data status and backend. Actions live beside their
 * state; worker events come in through `handleEvent`. Created with its dependencies (a
 * `send` to the worker and a runs repository) so tests drive it in Node with fakes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { PROTOCOL_VERSION, type Command, type ExperimentConfig, type StartCommand, type WorkerEvent } from '../../protocol/messages.ts';
import type { RunsRepo } from '../persist/runsRepo.ts';
import { createBackendSlice, type BackendSlice } from './backendSlice.ts';
import { createConfigSlice, type ConfigSlice } from './configSlice.ts';
import { createDataSlice, type DataSlice } from './dataSlice.ts';
import { handleWorkerEvent } from './events.ts';
import { createRunSlice, type RunSlice } from './runSlice.ts';
import { createRunsSlice, type RunsSlice } from './runsSlice.ts';

/**
 * The part of the worker client (src/worker/client.ts) the store uses. `start` and
 * `importCheckpoint` make a new protocol run id current and return it.
 */
export interface LabClient {
  send(command: Command): void;
  start(config: ExperimentConfig, opts?: Omit<StartCommand, 'type' | 'runId' | 'config'>): string;
  importCheckpoint(bytes: Uint8Array): string;
}

export interface LabDeps {
  client: LabClient;
  repo: RunsRepo;
  now?: () => number;
  newId?: () => string;
  /** Persist a running record at most this often (ms). */
  persistIntervalMs?: number;
}

/** Dependencies as the slices see them, defaults filled in. */
export interface SliceDeps {
  client: LabClient;
  send: (command: Command) => void;
  repo: RunsRepo;
  now: () => number;
  newId: () => string;
  persistIntervalMs: number;
  version: number;
  /** Callers of `requestCheckpoint` waiting for the next `checkpoint` event. */
  checkpointWaiters: { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }[];
}

export type LabState = ConfigSlice & RunSlice & RunsSlice & DataSlice & BackendSlice & {
  /** Routes one worker event to the slices; events of a stale run are dropped and counted. */
  handleEvent: (e: WorkerEvent) => void;
  droppedEvents: number;
};

export type LabStore = StoreApi<LabState>;

let counter = 0;
const defaultId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export function createLabStore(deps: LabDeps): LabStore {
  const d: SliceDeps = {
    client: deps.client, send: (c) => deps.client.send(c), repo: deps.repo, now: deps.now ?? Date.now, newId: deps.newId ?? defaultId,
    persistIntervalMs: deps.persistIntervalMs ?? 10_000, version: PROTOCOL_VERSION, checkpointWaiters: [],
  };
  return createStore<LabState>()((...a) => ({
    ...createConfigSlice(...a),
    ...createRunSlice(d)(...a),
    ...createRunsSlice(d)(...a),
    ...createDataSlice(d)(...a),
    ...createBackendSlice(d)(...a),
    droppedEvents: 0,
    handleEvent: (e) => handleWorkerEvent(e, a[0], a[1], d),
  }));
}
