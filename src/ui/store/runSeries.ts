/**
 * Pure updates of a RunRecord from worker events: new records, appended step points, an
 * evaluation, a BN summary. Each returns a new record (the store swaps it in); series are
 * appended, never rebuilt. No zustand, no DOM: unit-tested in Node.
 */
import type { ExperimentConfig } from '../../core/config.ts';
import type { BnSummary } from '../../core/train/bnMetrics.ts';
import type { EvalPoint, StepPoint } from '../../protocol/messages.ts';
import { describeConfig } from '../lib/runDiff.ts';
import { RUN_RECORD_VERSION, type BackendChoice, type BnPoint, type RunRecord } from './runTypes.ts';

/** A fresh record; its series arrays are its own. */
export function newRunRecord(id: string, config: ExperimentConfig, requestedBackend: BackendChoice, now: number): RunRecord {
  return {
    version: RUN_RECORD_VERSION, id, name: describeConfig(config), createdAt: now, updatedAt: now, config, requestedBackend,
    backend: null, status: 'starting', totalSteps: 0, steps: [], evals: [], bn: [], bnLayers: [],
    gammaHistogram: null, betaHistogram: null, initialGammaHistogram: null, results: null, firstStepMs: null,
    checkpointStep: null, error: null,
  };
}

/**
 * Appends step points. The `steps` array is append-only and grows in place (a long run has
 * 10⁵ points; copying it on every event would be quadratic); the new record object is what
 * tells subscribers that something changed, so select the record (or its length), not the array.
 */
export function withSteps(run: RunRecord, points: StepPoint[], now: number): RunRecord {
  if (!points.length) return run;
  for (const p of points) run.steps.push(p);
  return { ...run, updatedAt: now };
}

function bnPoint(step: number, bn: BnSummary): BnPoint {
  return { step, overall: bn.overall, perLayer: bn.perLayer.map((l) => l.fractions) };
}

export function withBn(run: RunRecord, step: number, bn: BnSummary, now: number): RunRecord {
  const last = run.bn[run.bn.length - 1];
  const bnSeries = last?.step === step ? [...run.bn.slice(0, -1), bnPoint(step, bn)] : run.bn.concat(bnPoint(step, bn));
  return {
    ...run,
    bn: bnSeries,
    bnLayers: run.bnLayers.length ? run.bnLayers : bn.perLayer.map((l) => l.name),
    gammaHistogram: bn.gammaHistogram,
    betaHistogram: bn.betaHistogram,
    initialGammaHistogram: run.initialGammaHistogram ?? bn.gammaHistogram,
    updatedAt: now,
  };
}

export function withEval(run: RunRecord, e: EvalPoint, now: number): RunRecord {
  const point = {
    step: e.step, epoch: e.epoch, testLoss: e.loss, testAccuracy: e.accuracy,
    trainLoss: e.trainLoss, trainAccuracy: e.trainAccuracy, deadRelu: e.deadRelu.overall,
  };
  const last = run.evals[run.evals.length - 1];
  const evals = last?.step === e.step ? [...run.evals.slice(0, -1), point] : run.evals.concat(point);
  return {
    ...withBn(run, e.step, e.bn, now),
    evals,
    results: {
      step: e.step, testAccuracy: e.accuracy, testLoss: e.loss, confusion: e.confusion,
      predictions: e.predictions, deadPerLayer: e.deadRelu.perLayer,
    },
  };
}

/** Drops points after `step` (resuming from a checkpoint recomputes them). */
export function truncatedAt(run: RunRecord, step: number): RunRecord {
  return {
    ...run,
    steps: run.steps.filter((p) => p.step <= step),
    evals: run.evals.filter((p) => p.step <= step),
    bn: run.bn.filter((p) => p.step <= step),
  };
}

/** The latest training step reached. */
export function lastStep(run: RunRecord): number {
  return Math.max(run.steps[run.steps.length - 1]?.step ?? 0, run.evals[run.evals.length - 1]?.step ?? 0);
}
