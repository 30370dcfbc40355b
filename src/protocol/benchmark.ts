/**
 * Benchmark messages (issue 6): `benchmark` times the core training step on the active
 * backend for `npm run bench`. Split from messages.ts, which re-exports everything here.
 * Imports only types.
 */
import type { FreezeMode } from '../core/config.ts';
import type { BackendInfo, ErrorData } from './messages.ts';

// `benchmark` times the core training step on the active backend with random inputs, for
// `npm run bench` (bench/page). It needs `init` but no data, and carries `benchId`, not
// `runId`: its events are worker-wide, so the client delivers them without a current run.

/** One configuration to time: the model and the step, nothing else of a run. */
export interface BenchCase {
  /** Network depth 6N+2. */
  depth: number;
  /** Channels of the first stage. */
  width: number;
  mode: FreezeMode;
  /** Images per step. */
  batchSize: number;
}

/** How to time each case. */
export interface BenchOptions {
  /** Steps before the timed ones; the first one's wall time is reported as the first-step time. */
  warmupSteps: number;
  /** Timed steps per case (statistics are taken over them). */
  steps: number;
  /** A case takes no further timed step once its timed steps add up to this many seconds (0 = no cap; at least one timed step is always taken). */
  maxSeconds: number;
  /** Also profile one more step per case with tf.profile. */
  profile: boolean;
  /** Seeds the random inputs and the initialisation. */
  seed: number;
}

/** Time spent in one kernel over a profiled step. */
export interface KernelTime {
  name: string;
  /** Summed kernel time (ms); 0 where the backend cannot time kernels (WebGPU without timestamp queries). */
  totalMs: number;
  /** Calls in the step. */
  count: number;
}

/** One profiled step: its wall time and its kernels, slowest first. */
export interface StepProfile {
  /** Wall time of the profiled step (ms); profiling slows a step down. */
  wallMs: number;
  /** False when the backend reported no kernel times (then only counts mean anything). */
  timed: boolean;
  kernels: KernelTime[];
}

/** What was measured for one case. */
export interface BenchCaseResult {
  case: BenchCase;
  /** Trainable parameters in this mode. */
  trainableParams: number;
  /** Forward multiply-accumulates per image. */
  macsPerImage: number;
  /** Wall time of each warm-up step, read-back included (ms); [0] is the first step, with compilation. */
  warmupMs: number[];
  /** Wall time of each timed step, including the read-back that waits for the device (ms). */
  stepMs: number[];
  /** Why the timed steps ended: all were taken, or `maxSeconds` was reached. */
  stoppedBy: 'steps' | 'time' | 'error';
  /** Live tensors (all cases) just before this case's first step, and that plus the change its own steps made. */
  tensorsBefore: number;
  tensorsAfter: number;
  /** Bytes of tensor data, counted the same way as the tensors. */
  bytesBefore: number;
  bytesAfter: number;
  /** Training loss of the last step (random labels: about ln 10 = 2.3); NaN means the numbers went bad. */
  lastLoss: number;
  profile?: StepProfile;
  /** Set when the case could not run (a missing kernel) or a step threw. */
  error?: ErrorData;
}

/** Times `cases` on the active backend; answered by `benchmarkProgress`… then `benchmarkResult`. */
export interface BenchmarkCommand {
  type: 'benchmark';
  benchId: string;
  cases: BenchCase[];
  options: BenchOptions;
}

/** A step of a benchmark was taken (at most ~10 per second are posted). */
export interface BenchmarkProgressEvent {
  type: 'benchmarkProgress';
  benchId: string;
  caseIndex: number;
  phase: 'warm-up' | 'timed' | 'profile';
  /** Steps of this phase done for this case. */
  step: number;
  /** Wall time of that step (ms). */
  stepMs: number;
}

/** Every case's measurements, on `backend`. */
export interface BenchmarkResultEvent {
  type: 'benchmarkResult';
  benchId: string;
  backend: BackendInfo;
  results: BenchCaseResult[];
}
