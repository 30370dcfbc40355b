/**
 * From raw step times to what the benchmarks print and save: one row per (backend, case),
 * the bn/all step-time ratios, the comparison with the PyTorch reference, and the text
 * tables. Pure: no tfjs, no I/O, so every number here is unit-tested.
 */
import type { BenchCaseResult, KernelTime } from '../../src/protocol/messages.ts';

/** One measured configuration on one backend: the JSON row and a table line. */
export interface BenchRow {
  /** tfjs backend ('wasm', 'webgpu', …) or the reference's device ('cuda', 'cpu'). */
  backend: string;
  /** 'ResNet-14'. */
  model: string;
  depth: number;
  width: number;
  mode: string;
  batch: number;
  /** Timed steps the statistics use. */
  steps: number;
  /** batch / median step time (images/s); null when no step was timed. */
  imagesPerSecond: number | null;
  /** Median, fastest and slowest timed step (ms). */
  medianStepMs: number | null;
  minStepMs: number | null;
  maxStepMs: number | null;
  /** Wall time of the first step, compilation included (ms). */
  firstStepMs: number | null;
  tensorsBefore: number | null;
  tensorsAfter: number | null;
  bytesBefore: number | null;
  bytesAfter: number | null;
  /** Browser only: the page's longest main-thread task while this backend ran (ms); 0 when none passed 50 ms. */
  longestTaskMs?: number | null;
  /** Training loss of the last step (about 2.3 on random labels). */
  lastLoss?: number | null;
  /** Why a row is short of numbers, or how its steps ended. */
  note?: string;
}

/** Step-time ratio of `bn` to `all` for one backend and model; below 1 means `bn` is faster. */
export interface ModeRatio {
  backend: string;
  model: string;
  batch: number;
  /** Median over rounds of t_bn / t_all, pairing the steps each round took side by side. */
  bnOverAll: number;
  /** Rounds paired. */
  pairs: number;
}

/** Median of a list (mean of the middle two for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export const modelName = (depth: number, width: number) => `ResNet-${depth}${width === 16 ? '' : ` (W=${width})`}`;

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A row from one case's measurements on `backend`. */
export function rowOf(backend: string, r: BenchCaseResult, extra: Partial<BenchRow> = {}): BenchRow {
  const c = r.case;
  const med = finite(median(r.stepMs));
  const notes: string[] = [];
  if (r.error) notes.push(`${r.error.name}: ${r.error.message.split('\n')[0]}`);
  else if (r.stoppedBy === 'time') notes.push(`--max-seconds stopped it after ${r.stepMs.length} steps`);
  const ran = r.warmupMs.length > 0;
  return {
    backend, model: modelName(c.depth, c.width), depth: c.depth, width: c.width, mode: c.mode, batch: c.batchSize,
    steps: r.stepMs.length,
    imagesPerSecond: med === null ? null : (c.batchSize * 1000) / med,
    medianStepMs: med,
    minStepMs: r.stepMs.length ? Math.min(...r.stepMs) : null,
    maxStepMs: r.stepMs.length ? Math.max(...r.stepMs) : null,
    firstStepMs: ran ? r.warmupMs[0] : null,
    tensorsBefore: ran ? r.tensorsBefore : null,
    tensorsAfter: ran ? r.tensorsAfter : null,
    bytesBefore: ran ? r.bytesBefore : null,
    bytesAfter: ran ? r.bytesAfter : null,
    lastLoss: finite(r.lastLoss),
    ...extra,
    ...(notes.length || extra.note ? { note: [extra.note, ...notes].filter(Boolean).join('; ') } : {}),
  };
}

/** A row with nothing measured (backend missing, skipped, page crashed). */
export function emptyRow(backend: string, c: BenchCaseResult['case'], note: string): BenchRow {
  return {
    backend, model: modelName(c.depth, c.width), depth: c.depth, width: c.width, mode: c.mode, batch: c.batchSize, steps: 0,
    imagesPerSecond: null, medianStepMs: null, minStepMs: null, maxStepMs: null, firstStepMs: null,
    tensorsBefore: null, tensorsAfter: null, bytesBefore: null, bytesAfter: null, note,
  };
}

/** bn/all ratios for every backend × model × batch that has both, from per-round pairs. */
export function modeRatios(results: readonly { backend: string; result: BenchCaseResult }[]): ModeRatio[] {
  const key = (b: string, r: BenchCaseResult) => `${b}|${r.case.depth}|${r.case.width}|${r.case.batchSize}`;
  const all = new Map(results.filter((x) => x.result.case.mode === 'all').map((x) => [key(x.backend, x.result), x.result]));
  const out: ModeRatio[] = [];
  for (const { backend, result: bn } of results) {
    if (bn.case.mode !== 'bn') continue;
    const a = all.get(key(backend, bn));
    const n = Math.min(bn.stepMs.length, a?.stepMs.length ?? 0);
    if (!a || n === 0) continue;
    const ratios = Array.from({ length: n }, (_, i) => bn.stepMs[i] / a.stepMs[i]);
    out.push({ backend, model: modelName(bn.case.depth, bn.case.width), batch: bn.case.batchSize, bnOverAll: median(ratios), pairs: n });
  }
  return out;
}

/** Our throughput over the reference's for each row the reference also measured (same model, mode, batch). */
export function referenceRatios(rows: readonly BenchRow[], ref: readonly BenchRow[]): { row: BenchRow; ref: BenchRow; ratio: number }[] {
  const out: { row: BenchRow; ref: BenchRow; ratio: number }[] = [];
  for (const row of rows) {
    const r = ref.find((x) => x.depth === row.depth && x.width === row.width && x.mode === row.mode && x.batch === row.batch);
    if (r && row.imagesPerSecond && r.imagesPerSecond) out.push({ row, ref: r, ratio: row.imagesPerSecond / r.imagesPerSecond });
  }
  return out;
}

/** Left-aligned text columns, right-aligned numbers; `-` for a missing value. */
export function formatTable(header: readonly string[], lines: readonly (readonly (string | number | null)[])[], numeric: readonly boolean[]): string {
  const cells = lines.map((l) => l.map((v) => (v === null ? '-' : String(v))));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const fmt = (c: readonly string[]) => c.map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}

const fixed = (x: number | null | undefined, d: number) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : null);
const mb = (x: number | null | undefined) => fixed(typeof x === 'number' ? x / 2 ** 20 : null, 1);
const arrow = (a: string | null, b: string | null) => (a === null ? null : `${a}→${b}`);

/** The main table: one line per row. */
export function formatRows(rows: readonly BenchRow[]): string {
  const browser = rows.some((r) => r.longestTaskMs !== undefined);
  const header = ['backend', 'model', 'mode', 'batch', 'img/s', 'step ms', 'min–max ms', 'first ms', 'steps', 'tensors', 'MiB', ...(browser ? ['long task ms'] : []), 'note'];
  const numeric = [false, false, false, true, true, true, true, true, true, true, true, ...(browser ? [true] : []), false];
  const lines = rows.map((r) => [
    r.backend, r.model, r.mode, r.batch, fixed(r.imagesPerSecond, 1), fixed(r.medianStepMs, 0),
    r.minStepMs === null ? null : `${r.minStepMs.toFixed(0)}–${r.maxStepMs!.toFixed(0)}`,
    fixed(r.firstStepMs, 0), r.steps,
    arrow(r.tensorsBefore === null ? null : String(r.tensorsBefore), String(r.tensorsAfter)),
    arrow(mb(r.bytesBefore), mb(r.bytesAfter)),
    ...(browser ? [fixed(r.longestTaskMs, 0)] : []),
    r.note ?? '',
  ]);
  return formatTable(header, lines, numeric);
}

export function formatRatios(ratios: readonly ModeRatio[]): string {
  if (ratios.length === 0) return '(no bn/all pair measured)';
  return formatTable(
    ['backend', 'model', 'batch', 'bn/all step time', 'pairs'],
    ratios.map((r) => [r.backend, r.model, r.batch, r.bnOverAll.toFixed(2), r.pairs]),
    [false, false, true, true, true],
  );
}

/** Top `n` kernels of a profiled step, with their share of the summed kernel time and of the step's wall time. */
export function formatProfile(title: string, p: { wallMs: number; timed: boolean; kernels: readonly KernelTime[] }, n = 20): string {
  const total = p.kernels.reduce((s, k) => s + k.totalMs, 0);
  const head = `${title}: profiled step ${p.wallMs.toFixed(0)} ms wall, kernels ${total.toFixed(0)} ms in ${p.kernels.reduce((s, k) => s + k.count, 0)} calls`
    + (p.timed ? '' : ' (this backend reported no kernel times: counts only)');
  const lines = p.kernels.slice(0, n).map((k, i) => [
    i + 1, k.name, fixed(k.totalMs, 1), k.count,
    total > 0 ? fixed((100 * k.totalMs) / total, 1) : null, p.timed && p.wallMs > 0 ? fixed((100 * k.totalMs) / p.wallMs, 1) : null,
  ]);
  return `${head}\n${formatTable(['#', 'kernel', 'total ms', 'count', '% of kernels', '% of step'], lines, [true, false, true, true, true, true])}`;
}
