/**
 * The page's side of the protocol: a typed facade over the training worker. It sends
 * commands (transferring typed arrays), lets callers subscribe per event type, tracks the
 * current run id and drops every event of any other run (a stale run cannot overwrite the
 * charts), and turns `init` / `loadData` into promises. It creates the worker but never
 * imports tfjs. Use `createWorkerClient()` in the app; `createTrainingClient(endpoint)` in
 * tests with a MessageChannel port.
 */
import type { Endpoint } from '../protocol/endpoint.ts';
import {
  isEvent, PROTOCOL_VERSION, runIdOf, transferablesOf,
  type BackendChoice, type Command, type DataReadyEvent, type DataSource, type ErrorData, type EventOf, type EventType,
  type ExperimentConfig, type FreezeMode, type ReadyEvent, type StartCommand, type WorkerEvent,
} from '../protocol/messages.ts';

type Listener<T extends EventType> = (e: EventOf<T>) => void;

/** A protocol error event turned into a rejection. */
export class WorkerError extends Error {
  constructor(readonly data: ErrorData, readonly scope: string) {
    super(data.message);
    this.name = data.name;
  }
}

export interface TrainingClient {
  /** The run whose events are delivered; null before the first start/import. */
  readonly runId: string | null;
  /** Events of other runs dropped so far (for tests and diagnostics). */
  readonly dropped: number;
  /** Subscribes to one event type; returns the unsubscribe function. */
  on<T extends EventType>(type: T, listener: Listener<T>): () => void;
  /** Every delivered event. */
  onAny(listener: (e: WorkerEvent) => void): () => void;
  /** Sends any command as is (transferring its typed arrays). */
  send(cmd: Command): void;
  init(backend: BackendChoice, mode: FreezeMode): Promise<ReadyEvent>;
  loadData(source: DataSource): Promise<DataReadyEvent>;
  /** Starts a new run and makes it current; returns its id. */
  start(config: ExperimentConfig, opts?: Omit<StartCommand, 'type' | 'runId' | 'config'>): string;
  /** Loads a trained model (checkpoint bytes) to evaluate; makes it current; returns its id. */
  importCheckpoint(bytes: Uint8Array): string;
  pause(): void;
  resume(): void;
  stop(): void;
  evaluate(): void;
  exportCheckpoint(): void;
  /** Test hook: makes the worker lose its device. */
  simulateDeviceLoss(): void;
  /** Tells the worker whether the page is hidden (createWorkerClient wires this itself). */
  setHidden(hidden: boolean): void;
  /** Stops listening and terminates the worker (when there is one). */
  dispose(): void;
}

function newRunId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function createTrainingClient(endpoint: Endpoint, terminate?: () => void): TrainingClient {
  const listeners = new Map<EventType, Set<(e: WorkerEvent) => void>>();
  const anyListeners = new Set<(e: WorkerEvent) => void>();
  let runId: string | null = null;
  let dropped = 0;

  const deliver = (e: WorkerEvent) => {
    for (const l of [...(listeners.get(e.type) ?? [])]) l(e);
    for (const l of [...anyListeners]) l(e);
  };
  const onMessage = (ev: MessageEvent) => {
    for (const e of Array.isArray(ev.data) ? (ev.data as unknown[]) : [ev.data]) {
      if (!isEvent(e)) continue;
      const id = runIdOf(e);
      if (id !== undefined && id !== runId) {
        dropped++;
        continue;
      }
      deliver(e);
    }
  };
  endpoint.addEventListener('message', onMessage);
  endpoint.start?.();

  const send = (cmd: Command) => endpoint.postMessage(cmd, transferablesOf(cmd));
  const on = <T extends EventType>(type: T, l: Listener<T>) => {
    const set = listeners.get(type) ?? new Set();
    listeners.set(type, set);
    set.add(l as (e: WorkerEvent) => void);
    return () => void set.delete(l as (e: WorkerEvent) => void);
  };
  /** Resolves on the first `ok` event, rejects on an `error` of `scope` without a run id. */
  const until = <T extends EventType>(ok: T, scope: string): Promise<EventOf<T>> =>
    new Promise((resolve, reject) => {
      const offs = [
        on(ok, (e) => {
          offs.forEach((f) => f());
          resolve(e);
        }),
        on('error', (e) => {
          if (e.scope !== scope || e.runId !== undefined) return;
          offs.forEach((f) => f());
          reject(new WorkerError(e.error, e.scope));
        }),
      ];
    });
  const runCommand = (type: 'pause' | 'resume' | 'stop' | 'evaluate' | 'exportCheckpoint' | 'simulateDeviceLoss') => {
    if (runId) send({ type, runId });
  };

  return {
    get runId() {
      return runId;
    },
    get dropped() {
      return dropped;
    },
    on,
    onAny(l) {
      anyListeners.add(l);
      return () => void anyListeners.delete(l);
    },
    send,
    init(backend, mode) {
      const p = until('ready', 'init');
      send({ type: 'init', version: PROTOCOL_VERSION, backend, mode });
      return p;
    },
    loadData(source) {
      const p = until('dataReady', 'data');
      send({ type: 'loadData', source: source.kind === 'served' ? { kind: 'served', baseUrl: absolute(source.baseUrl) } : source });
      return p;
    },
    start(config, opts = {}) {
      runId = newRunId();
      send({ type: 'start', runId, config, ...opts });
      return runId;
    },
    importCheckpoint(bytes) {
      runId = newRunId();
      send({ type: 'importCheckpoint', runId, bytes });
      return runId;
    },
    pause: () => runCommand('pause'),
    resume: () => runCommand('resume'),
    stop: () => runCommand('stop'),
    evaluate: () => runCommand('evaluate'),
    exportCheckpoint: () => runCommand('exportCheckpoint'),
    simulateDeviceLoss: () => runCommand('simulateDeviceLoss'),
    setHidden: (hidden) => send({ type: 'visibility', hidden }),
    dispose() {
      endpoint.removeEventListener('message', onMessage);
      listeners.clear();
      anyListeners.clear();
      terminate?.();
    },
  };
}

/** The worker resolves URLs against its own script; a served base is made absolute here. */
function absolute(url: string): string {
  const base = (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? globalThis.location?.href;
  return base ? new URL(url, base).href : url;
}

interface PageDocument {
  hidden: boolean;
  addEventListener(type: 'visibilitychange', l: () => void): void;
  removeEventListener(type: 'visibilitychange', l: () => void): void;
}

/** The app's client: starts the training worker and reports page visibility to it. */
export function createWorkerClient(): TrainingClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'training' });
  const doc = (globalThis as { document?: PageDocument }).document;
  const client = createTrainingClient(worker, () => {
    doc?.removeEventListener('visibilitychange', onVisibility);
    worker.terminate();
  });
  const onVisibility = () => client.setHidden(doc!.hidden);
  if (doc) {
    doc.addEventListener('visibilitychange', onVisibility);
    if (doc.hidden) onVisibility();
  }
  return client;
}
