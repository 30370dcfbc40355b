/**
 * The bench page's handle on `window` (`window.bnBench`), shared by the page (main.ts) and
 * its driver (scripts/bench.ts). Types only.
 */
import type { BackendInfo, BackendName, BenchCase, BenchCaseResult, BenchOptions } from '../../src/protocol/messages.ts';

/** One backend's benchmark, as the driver asks for it. */
export interface PageRequest {
  backend: BackendName;
  cases: BenchCase[];
  options: BenchOptions;
  /** Measure WebGPU even when its only adapter is software (SwiftShader). */
  allowSoftwareWebgpu: boolean;
}

/** What the page measured for one backend. */
export interface PageResult {
  /** The backend the worker ran on (null when it did not start). */
  backend: BackendInfo | null;
  /** Why nothing was measured: the backend is missing, or skipped (software WebGPU). */
  skipped?: string;
  results: BenchCaseResult[];
  /** Longest main-thread task while the benchmark ran (ms); 0 when none passed 50 ms. */
  longestTaskMs: number;
  /** Main-thread tasks over 50 ms while it ran. */
  longTasks: number;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  userAgent: string;
}

export interface BenchHandle {
  run(req: PageRequest): Promise<PageResult>;
}

declare global {
  interface Window {
    bnBench?: BenchHandle;
  }
}
