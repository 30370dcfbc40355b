/**
 * The summary of an experiment: one row per combination of varied values, over its seeds —
 * trainable parameters, final test accuracy as mean ± sd, |γ| < τ at the end and at
 * initialisation, wall time — and the same rows as CSV. The page's table and `npm run sweep`
 * both come from here. Pure; imports no tfjs.
 */
import type { ExperimentConfig, FieldValue } from './config.ts';
import { cellLabel, planRuns, type ExperimentSpec, type VaryField } from './experiment.ts';
import { initialValues } from './model/init.ts';
import { effectiveGammaInit, trainableCount } from './model/partition.ts';
import { buildResNetSpec } from './model/spec.ts';
import { GAMMA_THRESHOLDS, summariseBn, type FractionByTau, type ThresholdKey } from './train/bnMetrics.ts';

/** What one finished run contributes. */
export interface RunOutcome {
  /** PlannedRun.key of the run. */
  key: string;
  /** Final test accuracy (0..1), null when the run never evaluated. */
  testAccuracy: number | null;
  /** |γ| < τ at the last evaluation. */
  gammaZero: FractionByTau | null;
  /** Training wall time (s). */
  seconds: number;
  /** Only completed runs count in the statistics. */
  completed: boolean;
}

/** Mean and sample standard deviation (null below two values) of n values. */
export interface Stat {
  mean: number;
  sd: number | null;
  n: number;
}

export interface SummaryRow {
  cell: string;
  label: string;
  values: Partial<Record<VaryField, FieldValue>>;
  /** The mode, depth and width of the row's runs (for the accuracy-vs-parameters figure). */
  config: Pick<ExperimentConfig, 'mode' | 'depth' | 'width' | 'k'>;
  trainableParams: number;
  testAccuracy: Stat | null;
  gammaZero: Record<ThresholdKey, Stat> | null;
  /** At initialisation, from the seeded initial values (no training needed). */
  gammaZeroInit: Record<ThresholdKey, Stat>;
  seconds: Stat | null;
  /** Runs planned for this row (its seeds) and how many completed. */
  planned: number;
  completed: number;
}

export function stat(values: readonly number[]): Stat | null {
  const n = values.length;
  if (!n) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? null : Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, sd, n };
}

const TAUS = GAMMA_THRESHOLDS.map((t) => String(t) as ThresholdKey);

function statByTau(points: readonly FractionByTau[]): Record<ThresholdKey, Stat> | null {
  if (!points.length) return null;
  return Object.fromEntries(TAUS.map((t) => [t, stat(points.map((p) => p[t]))!])) as Record<ThresholdKey, Stat>;
}

/** |γ| < τ of a config's network before any step: the seeded γ (U[0,1) gives about τ; ones give 0). */
export function gammaZeroAtInit(config: ExperimentConfig): FractionByTau {
  const spec = buildResNetSpec(config.depth, config.width);
  const gi = effectiveGammaInit(config);
  const layers = spec.bnLayers.map((l) => {
    const g = spec.params.find((p) => p.name === `${l.name}.gamma`)!;
    return { name: l.name, gamma: initialValues(g, config.seed, gi), beta: new Float32Array(l.channels) };
  });
  return summariseBn(layers).overall;
}

/** One row per combination, in plan order; outcomes are matched to runs by key. */
export function summarize(spec: ExperimentSpec, outcomes: readonly RunOutcome[]): SummaryRow[] {
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  const rows = new Map<string, SummaryRow & { acc: number[]; gz: FractionByTau[]; init: FractionByTau[]; secs: number[] }>();
  for (const run of planRuns(spec)) {
    let row = rows.get(run.cell);
    if (!row) {
      const c = run.config;
      row = {
        cell: run.cell, label: cellLabel(run.values), values: run.values, config: { mode: c.mode, depth: c.depth, width: c.width, k: c.k },
        trainableParams: trainableCount(buildResNetSpec(c.depth, c.width), c),
        testAccuracy: null, gammaZero: null, gammaZeroInit: {} as Record<ThresholdKey, Stat>, seconds: null, planned: 0, completed: 0,
        acc: [], gz: [], init: [], secs: [],
      };
      rows.set(run.cell, row);
    }
    row.planned++;
    row.init.push(gammaZeroAtInit(run.config));
    const o = byKey.get(run.key);
    if (!o?.completed) continue;
    row.completed++;
    if (o.testAccuracy !== null) row.acc.push(o.testAccuracy);
    if (o.gammaZero) row.gz.push(o.gammaZero);
    row.secs.push(o.seconds);
  }
  return [...rows.values()].map(({ acc, gz, init, secs, ...row }) => ({
    ...row, testAccuracy: stat(acc), gammaZero: statByTau(gz), gammaZeroInit: statByTau(init)!, seconds: stat(secs),
  }));
}

/** A number for CSV/JSON without float32 noise (0.10000000149011612 → 0.1): 6 significant digits. */
export function tidyNumber(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(6)) : v;
}

const cell = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '' : String(tidyNumber(v)));
const csvText = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The summary as CSV: the varied fields, then the statistics (γ fractions for every τ). */
export function summaryToCsv(spec: ExperimentSpec, rows: readonly SummaryRow[]): string {
  const fields = spec.vary.map((v) => v.field);
  const head = [
    ...fields, 'trainable_params', 'test_acc_mean', 'test_acc_sd', 'n', 'planned',
    ...TAUS.flatMap((t) => [`gamma_lt_${t}_end`, `gamma_lt_${t}_init`]), 'seconds_mean',
  ];
  const lines = rows.map((r) => [
    ...fields.map((f) => csvText(String(r.values[f]))),
    String(r.trainableParams), cell(r.testAccuracy?.mean), cell(r.testAccuracy?.sd), String(r.testAccuracy?.n ?? 0), String(r.planned),
    ...TAUS.flatMap((t) => [cell(r.gammaZero?.[t].mean), cell(r.gammaZeroInit[t].mean)]), cell(r.seconds?.mean),
  ].join(','));
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
