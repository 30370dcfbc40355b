/**
 * The page ⇄ training-worker protocol: every command the page sends and every event the
 * worker answers with, as discriminated unions on `type` (the point shapes the UI plots are
 * in points.ts, re-exported here). Commands are imperatives (`start`, `stop`), events are
 * nouns (`ready`, `step`).
 *
 * Rules of the boundary:
 * - `init` carries PROTOCOL_VERSION; the worker refuses another version with an `error`.
 * - Every run-scoped message carries `runId`; the client drops events of any other run.
 * - Errors cross as data ({name, message, stack}), never as thrown objects.
 * - Metrics cross as deltas (points since the last message) at ≤ ~10 messages/s; typed
 *   arrays in events are transferred (see `transferablesOf`), never copied.
 * - One message carries one event or an array of events (a run's `step` + `progress` go
 *   together), handled in order in one task, so the page renders once for them.
 *
 * Imports only types from src/core; no tfjs, no DOM, no worker code.
 */
import type { ExperimentConfig, FreezeMode } from '../core/config.ts';
import type { BnSummary } from '../core/train/bnMetrics.ts';

export type { ExperimentConfig, FreezeMode, BnSummary };
export * from './benchmark.ts';
export * from './points.ts';
import type { BenchmarkCommand, BenchmarkProgressEvent, BenchmarkResultEvent } from './benchmark.ts';
import type { EvalPoint, StepColumns } from './points.ts';

/** Bumped on any incompatible change to the messages below. */
export const PROTOCOL_VERSION = 1;

/** A tfjs backend the worker can run on. */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** What the user asked for: `auto` lets the worker choose (see src/worker/backend.ts). */
export type BackendChoice = 'auto' | BackendName;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** `GPUAdapter.info` as reported by the browser; empty strings when it says nothing. */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
}

/** Which hardware does the work, and why it was chosen. Shown to the user as is. */
export interface BackendInfo {
  /** The backend tfjs actually runs on (checked with tf.getBackend() after setBackend). */
  name: BackendName;
  /** The WebGPU adapter the browser offered, or null when there is none / it was not asked. */
  adapter: AdapterInfo | null;
  /** True when the computation is emulated on the CPU (SwiftShader, a fallback adapter). */
  software: boolean;
  /** One sentence saying why this backend was chosen, e.g. "the only WebGPU adapter is software (swiftshader); wasm is ~20x faster for mode bn". */
  reason: string;
  /** True when the user forced the backend (`backend=...`) rather than `auto`. */
  forced: boolean;
  /** Set when the forced backend is slow or cannot run the mode; shown as a warning. */
  warning?: string;
  /** wasm only: worker threads used (1 when the page is not cross-origin isolated). */
  threads?: number;
}

/** Error as data: what crosses the boundary instead of a thrown object. */
export interface ErrorData {
  /** Error class name, e.g. 'CheckpointError', 'CifarFormatError', 'DeviceLostError'. */
  name: string;
  message: string;
  stack?: string;
  /** Machine-readable code when the error has one (CifarFormatError.code …). */
  code?: string;
}

// ─── Data sources ───────────────────────────────────────────────────────────────────────

/** A file handed over by the page (picked or dropped), with its name. */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

/** Where the CIFAR-10 binary data comes from. */
export type DataSource =
  /** Prepared by `npm run data`: `${baseUrl}/manifest.json` and the `.bin` files beside it, e.g. '/data/cifar10/'. */
  | { kind: 'served'; baseUrl: string }
  /** An https URL of `cifar-10-binary.tar.gz` (the server must allow CORS + CORP). */
  | { kind: 'url'; url: string }
  /** The `.bin` files (and optionally batches.meta.txt) picked or dropped one by one. */
  | { kind: 'files'; files: NamedBlob[] }
  /** `cifar-10-binary.tar.gz` picked or dropped as one file. */
  | { kind: 'archive'; blob: Blob };

/** How often the worker posts a `checkpoint` event while training (whichever comes first). */
export interface CheckpointPolicy {
  /** Every this many steps (0 = never by steps). */
  everySteps: number;
  /** Every this many seconds of training (0 = never by time). */
  everySeconds: number;
}

// ─── Commands (page → worker) ───────────────────────────────────────────────────────────

/** Loads tfjs and chooses a backend; answered by `ready` (or `error` scope 'init'). */
export interface InitCommand {
  type: 'init';
  version: number;
  backend: BackendChoice;
  /** The mode the user intends to run; `auto` picks the fastest backend that can run it. */
  mode: FreezeMode;
}

/** Loads CIFAR-10; answered by `dataProgress`… then `dataReady` (or `error` scope 'data'). */
export interface LoadDataCommand {
  type: 'loadData';
  source: DataSource;
}

/** Starts run `runId` (data must be loaded). Answered by `started`, then run events. */
export interface StartCommand {
  type: 'start';
  runId: string;
  /** Validated again in the worker; a bad field is an `error` naming it. */
  config: ExperimentConfig;
  /** Checkpoint bytes (from a `checkpoint` event or a file) to continue from; its config must equal `config`. */
  resume?: Uint8Array;
  /** Defaults: every 200 steps or 60 s. */
  checkpoints?: Partial<CheckpointPolicy>;
  /** Also evaluate every this many steps (0 = at epoch ends only). */
  evalEverySteps?: number;
}

/** Run control; ignored (with an `error` scope 'protocol') for a runId that is not current. */
export interface RunCommand {
  type: 'pause' | 'resume' | 'stop' | 'evaluate' | 'exportCheckpoint';
  runId: string;
}

/**
 * Loads a trained model from checkpoint bytes to evaluate it without training (a shared
 * result). Answered by `imported` then `evaluated`, both with this runId.
 */
export interface ImportCheckpointCommand {
  type: 'importCheckpoint';
  runId: string;
  bytes: Uint8Array;
}

/** Test hook: behave as if the WebGPU device were lost (works on every backend). */
export interface SimulateDeviceLossCommand {
  type: 'simulateDeviceLoss';
  runId: string;
}

/** The page tells the worker whether it is hidden, to tell throttling from slowness. */
export interface VisibilityCommand {
  type: 'visibility';
  hidden: boolean;
}

export type Command =
  | InitCommand
  | LoadDataCommand
  | StartCommand
  | RunCommand
  | ImportCheckpointCommand
  | SimulateDeviceLossCommand
  | VisibilityCommand
  | BenchmarkCommand; // benchmark block

export type CommandType = Command['type'];


/** What the worker is doing for a run. */
export type RunPhase =
  | 'starting' // building the model, restoring a checkpoint
  | 'warming-up' // first step: shader/kernel compilation
  | 'training'
  | 'paused'
  | 'evaluating'
  | 'stopping'
  | 'finished';

// ─── Events (worker → page) ─────────────────────────────────────────────────────────────

/** Answer to `init`: tfjs is loaded on `backend`. */
export interface ReadyEvent {
  type: 'ready';
  version: number;
  backend: BackendInfo;
}

/** Bytes of CIFAR-10 received so far. */
export interface DataProgressEvent {
  type: 'dataProgress';
  /** Bytes received (compressed bytes for an archive). */
  loadedBytes: number;
  /** Bytes expected, null when the server does not say. */
  totalBytes: number | null;
  /** File being read, when known. */
  file: string | null;
}

/** CIFAR-10 is parsed and held by the worker. */
export interface DataReadyEvent {
  type: 'dataReady';
  trainCount: number;
  testCount: number;
  /** Words for the UI, e.g. "served /data/cifar10/ (6 files, 184 MB)". */
  description: string;
}

/** Run `runId` is set up and about to take its first step. */
export interface StartedEvent {
  type: 'started';
  runId: string;
  config: ExperimentConfig;
  totalSteps: number;
  stepsPerEpoch: number;
  /** Steps already done (the checkpoint's step when resuming, else 0). */
  fromStep: number;
  backend: BackendInfo;
}

/** Where a run is, at ≤ ~10 messages/s (also on every phase change). */
export interface ProgressEvent {
  type: 'progress';
  runId: string;
  phase: RunPhase;
  step: number;
  totalSteps: number;
  epoch: number;
  /** Recent training throughput (images/s); 0 before the first read-back. */
  imagesPerSecond: number;
  /** Estimated seconds to the end at the recent rate; null while unknown. */
  etaSeconds: number | null;
  /** Wall time of the first step incl. compilation (ms), once known. */
  firstStepMs?: number;
  /** Set while the gaps between steps are much longer than the steps: the browser throttles the hidden tab. */
  throttled?: boolean;
}

/** Step points since the previous `step` event of this run. */
export interface StepEvent {
  type: 'step';
  runId: string;
  points: StepColumns;
}

export interface EvaluatedEvent {
  type: 'evaluated';
  runId: string;
  result: EvalPoint;
}

/** BN γ/β summary between evaluations. */
export interface BnStatsEvent {
  type: 'bnStats';
  runId: string;
  step: number;
  bn: BnSummary;
}

/** Checkpoint bytes (transferred); the page persists them to survive a crash or reload. */
export interface CheckpointEvent {
  type: 'checkpoint';
  runId: string;
  step: number;
  /** Why it was taken. */
  reason: 'periodic' | 'requested' | 'final';
  bytes: Uint8Array;
}

/** Answer to `importCheckpoint`: the model is loaded; an `evaluated` follows. */
export interface ImportedEvent {
  type: 'imported';
  runId: string;
  config: ExperimentConfig;
  step: number;
}

/** The run ended. Everything measured so far stays valid. */
export interface FinishedEvent {
  type: 'finished';
  runId: string;
  /** 'failed' follows an `error` event (device loss, a throwing step). */
  status: 'completed' | 'stopped' | 'failed';
  step: number;
  /** Step of the last `checkpoint` event of this run, null if none: where a resume continues. */
  lastCheckpointStep: number | null;
  /** Failed runs: words for the UI, e.g. "WebGPU device lost; resume from step 40 on another backend". */
  message?: string;
}

/** Something went wrong. `runId` is set when it concerns a run. */
export interface ErrorEvent {
  type: 'error';
  runId?: string;
  /** Where: 'init' (backend), 'data', 'run' (a step, config), 'device' (GPU lost), 'checkpoint', 'protocol' (bad message). */
  scope: 'init' | 'data' | 'run' | 'device' | 'checkpoint' | 'protocol';
  error: ErrorData;
}

export type WorkerEvent =
  | ReadyEvent
  | DataProgressEvent
  | DataReadyEvent
  | StartedEvent
  | ProgressEvent
  | StepEvent
  | EvaluatedEvent
  | BnStatsEvent
  | CheckpointEvent
  | ImportedEvent
  | FinishedEvent
  | ErrorEvent
  | BenchmarkProgressEvent // benchmark block
  | BenchmarkResultEvent; // benchmark block

export type EventType = WorkerEvent['type'];
/** The event of a given type, e.g. `EventOf<'step'>`. */
export type EventOf<T extends EventType> = Extract<WorkerEvent, { type: T }>;
/** Events that belong to a run (carry `runId`). */
export type RunEvent = Extract<WorkerEvent, { runId: string }>;

// ─── Small pure helpers ─────────────────────────────────────────────────────────────────

const COMMAND_TYPES: readonly CommandType[] = [
  'init', 'loadData', 'start', 'pause', 'resume', 'stop', 'evaluate', 'exportCheckpoint', 'importCheckpoint', 'simulateDeviceLoss',
  'visibility',
  'benchmark', // benchmark block
];
const EVENT_TYPES: readonly EventType[] = [
  'ready', 'dataProgress', 'dataReady', 'started', 'progress', 'step', 'evaluated', 'bnStats', 'checkpoint', 'imported', 'finished', 'error',
  'benchmarkProgress', 'benchmarkResult', // benchmark block
];

/** Shape check at the boundary: an object with a known command `type`. */
export function isCommand(x: unknown): x is Command {
  return typeof x === 'object' && x !== null && COMMAND_TYPES.includes((x as { type: CommandType }).type);
}

export function isEvent(x: unknown): x is WorkerEvent {
  return typeof x === 'object' && x !== null && EVENT_TYPES.includes((x as { type: EventType }).type);
}

/** The run an event belongs to, or undefined for worker-wide events. */
export function runIdOf(e: WorkerEvent): string | undefined {
  return 'runId' in e ? e.runId : undefined;
}

/** Any thrown value as data. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return { name: e.name, message: e.message, stack: e.stack, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: typeof e === 'string' ? e : JSON.stringify(e) ?? String(e) };
}

/** The buffers of a message to transfer rather than copy (deduplicated). */
export function transferablesOf(m: Command | WorkerEvent): ArrayBuffer[] {
  const views: (ArrayBufferView | undefined)[] = [];
  if (m.type === 'step') views.push(...Object.values(m.points));
  else if (m.type === 'evaluated') views.push(m.result.predictions);
  else if (m.type === 'checkpoint' || m.type === 'importCheckpoint') views.push(m.bytes);
  else if (m.type === 'start') views.push(m.resume);
  const out = new Set<ArrayBuffer>();
  for (const v of views) if (v && v.buffer instanceof ArrayBuffer) out.add(v.buffer);
  return [...out];
}
