/**
 * The point shapes the UI plots, as the protocol carries them: step read-backs (in transferred
 * columns) and evaluations. Re-exported by messages.ts. Imports only core types.
 */
import type { BnSummary } from '../core/train/bnMetrics.ts';

/** One training read-back: the mean over the `steps` steps since the previous point. */
export interface StepPoint {
  /** Steps completed (1-based). */
  step: number;
  /** Fractional epochs completed. */
  epoch: number;
  /** Mean training cross-entropy (nats) over the steps this point summarises. */
  loss: number;
  /** Training accuracy on augmented batches, 0..1. */
  accuracy: number;
  /** Learning rate used for the last of those steps. */
  lr: number;
  /** Training throughput over those steps (images/s). */
  imagesPerSecond: number;
}

/**
 * Step points in columns, each array transferred: `step[i]`, `loss[i]`, … describe the
 * i-th point. Use `unpackStepPoints` to get objects.
 */
export interface StepColumns {
  step: Uint32Array;
  epoch: Float32Array;
  loss: Float32Array;
  accuracy: Float32Array;
  lr: Float32Array;
  imagesPerSecond: Float32Array;
}

/** One evaluation on the test subset, with running BN statistics. */
export interface EvalPoint {
  step: number;
  epoch: number;
  /** Mean test cross-entropy (nats). */
  loss: number;
  /** Test accuracy, 0..1. */
  accuracy: number;
  /** Mean train loss / accuracy over the current epoch so far (NaN when no step yet). */
  trainLoss: number;
  trainAccuracy: number;
  /** 10×10 counts, row = true class, column = predicted, row-major. */
  confusion: number[];
  /** Predicted class of each test-subset image (transferred). */
  predictions: Uint8Array;
  /** Fraction of ReLU channels that are zero on every image of the first test batch. */
  deadRelu: { overall: number; perLayer: { name: string; fraction: number }[] };
  bn: BnSummary;
}

/** Columns → objects, in order. */
export function unpackStepPoints(c: StepColumns): StepPoint[] {
  return Array.from(c.step, (step, i) => ({
    step, epoch: c.epoch[i], loss: c.loss[i], accuracy: c.accuracy[i], lr: c.lr[i], imagesPerSecond: c.imagesPerSecond[i],
  }));
}

/** Objects → columns (the worker side of `unpackStepPoints`). */
export function packStepPoints(points: readonly StepPoint[]): StepColumns {
  const col = <A extends Float32Array | Uint32Array>(make: new (n: number) => A, key: keyof StepPoint): A => {
    const a = new make(points.length);
    points.forEach((p, i) => (a[i] = p[key]));
    return a;
  };
  return {
    step: col(Uint32Array, 'step'), epoch: col(Float32Array, 'epoch'), loss: col(Float32Array, 'loss'),
    accuracy: col(Float32Array, 'accuracy'), lr: col(Float32Array, 'lr'), imagesPerSecond: col(Float32Array, 'imagesPerSecond'),
  };
}
