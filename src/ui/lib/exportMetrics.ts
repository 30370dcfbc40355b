/**
 * A run's metrics as CSV (one row per step that has any metric; columns that a step lacks
 * are empty) and as JSON (the whole record, typed arrays as plain arrays). Every point of the
 * series is exported, never the decimated drawing. Pure.
 */
import type { RunRecord } from '../store/runTypes.ts';

export const CSV_COLUMNS = [
  'step', 'epoch', 'lr', 'train_loss', 'train_accuracy', 'images_per_second',
  'test_loss', 'test_accuracy', 'dead_relu', 'gamma_lt_0.01', 'gamma_lt_0.05', 'gamma_lt_0.1',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

function cell(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '' : String(v);
}

export function metricsToCsv(run: Pick<RunRecord, 'steps' | 'evals' | 'bn'>): string {
  const rows = new Map<number, Partial<Record<Column, number>>>();
  const row = (step: number) => {
    let r = rows.get(step);
    if (!r) rows.set(step, (r = { step }));
    return r;
  };
  for (const s of run.steps) {
    Object.assign(row(s.step), { epoch: s.epoch, lr: s.lr, train_loss: s.loss, train_accuracy: s.accuracy, images_per_second: s.imagesPerSecond });
  }
  for (const e of run.evals) {
    const r = row(e.step);
    r.epoch ??= e.epoch;
    Object.assign(r, { test_loss: e.testLoss, test_accuracy: e.testAccuracy, dead_relu: e.deadRelu });
  }
  for (const b of run.bn) {
    Object.assign(row(b.step), { 'gamma_lt_0.01': b.overall['0.01'], 'gamma_lt_0.05': b.overall['0.05'], 'gamma_lt_0.1': b.overall['0.1'] });
  }
  const lines = [CSV_COLUMNS.join(',')];
  for (const step of [...rows.keys()].sort((a, b) => a - b)) {
    const r = rows.get(step)!;
    lines.push(CSV_COLUMNS.map((c) => cell(r[c])).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** JSON of the whole record; typed arrays become plain arrays. */
export function runToJson(run: RunRecord): string {
  return JSON.stringify(run, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v), 2);
}

/** A safe file name stem for a run. */
export function runFileStem(run: Pick<RunRecord, 'name' | 'id'>): string {
  const base = run.name.trim().replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return base || `run-${run.id}`;
}
