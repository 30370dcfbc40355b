/**
 * What the page keeps about a run: its config, the backend that ran it, the full metric
 * series (charts decimate for drawing; the store and the exports keep every point) and the
 * latest results. This is the shape saved in IndexedDB and exported as JSON. Types only.
 */
import type { ExperimentConfig } from '../../core/config.ts';
import type { FractionByTau, Histogram } from '../../core/train/bnMetrics.ts';
import type { BackendChoice, BackendInfo, RunPhase, StepPoint } from '../../protocol/messages.ts';

export type { BackendChoice, BackendInfo, FractionByTau, Histogram, RunPhase, StepPoint };

/** Version of the saved/exported run record. */
export const RUN_RECORD_VERSION = 1;

/** One evaluation on the test subset, as plotted. */
export interface TestPoint {
  step: number;
  epoch: number;
  /** Mean test cross-entropy (nats). */
  testLoss: number;
  /** 0..1. */
  testAccuracy: number;
  trainLoss: number;
  trainAccuracy: number;
  /** Fraction of ReLU-fed BN channels whose output is 0 for every image of a test batch. */
  deadRelu: number;
}

/** BN γ statistics at one step. */
export interface BnPoint {
  step: number;
  /** Fraction of all BN channels with |γ| < τ. */
  overall: FractionByTau;
  /** Same per BN layer, in the order of `RunRecord.bnLayers`. */
  perLayer: FractionByTau[];
}

/** Where a run stands, as the page shows it. */
export type RunStatus = 'starting' | 'running' | 'paused' | 'completed' | 'stopped' | 'failed' | 'imported';

/** Latest test results, for the results panel. */
export interface RunResults {
  step: number;
  testAccuracy: number;
  testLoss: number;
  /** 10×10 row-major counts, row = true class. */
  confusion: number[];
  /** Predicted class of each test-subset image, in subset order. */
  predictions: Uint8Array;
  /** Dead-ReLU fraction per ReLU-fed BN layer. */
  deadPerLayer: { name: string; fraction: number }[];
}

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  id: string;
  name: string;
  /** ms since epoch. */
  createdAt: number;
  updatedAt: number;
  config: ExperimentConfig;
  requestedBackend: BackendChoice;
  backend: BackendInfo | null;
  status: RunStatus;
  /** Total optimisation steps planned. */
  totalSteps: number;
  steps: StepPoint[];
  evals: TestPoint[];
  bn: BnPoint[];
  bnLayers: string[];
  gammaHistogram: Histogram | null;
  betaHistogram: Histogram | null;
  /** γ histogram at the first read-back, to compare against. */
  initialGammaHistogram: Histogram | null;
  results: RunResults | null;
  /** First step including compilation (ms). */
  firstStepMs: number | null;
  /** Step of the latest checkpoint saved with the run, null if none. */
  checkpointStep: number | null;
  error: string | null;
}
