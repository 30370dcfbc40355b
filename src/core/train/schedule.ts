/**
 * Learning rate as a pure function of the step: the paper's step schedule (×0.1 at 50% and
 * 75% of training), cosine for short runs, and optional linear warm-up. Imports nothing.
 */
import type { Schedule } from '../config.ts';

export interface ScheduleParams {
  schedule: Schedule;
  /** Peak learning rate. */
  lr: number;
  totalSteps: number;
  warmupSteps: number;
}

/** Learning rate used for step `step` (0-based). */
export function lrAt(step: number, p: ScheduleParams): number {
  if (step < p.warmupSteps) return (p.lr * (step + 1)) / p.warmupSteps;
  if (p.schedule === 'step') {
    // MultiStepLR at epochs 80 and 120 of 160, expressed in steps.
    if (step >= Math.floor(0.75 * p.totalSteps)) return p.lr * 0.01;
    if (step >= Math.floor(0.5 * p.totalSteps)) return p.lr * 0.1;
    return p.lr;
  }
  const span = Math.max(p.totalSteps - p.warmupSteps, 1);
  const t = Math.min(step - p.warmupSteps, span) / span;
  return 0.5 * p.lr * (1 + Math.cos(Math.PI * t));
}
