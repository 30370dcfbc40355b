/**
 * An experiment: a base config, up to two varied fields with their values, and a number of
 * seeds, expanded into runs that go one after another. One format for the page (its builder,
 * links and queue) and the command line (`npm run sweep`, experiment files). Its own fields
 * (`vary`, `seeds`) have rows like the config's, with URL keys and CLI flags.
 * Pure; imports config and fieldText only.
 */
import {
  CONFIG_FIELDS, DEFAULT_CONFIG, fieldValueProblem, isConfigField, validateConfig,
  type ConfigField, type ExperimentConfig, type FieldSpec, type FieldValue,
} from './config.ts';
import { parseFieldText, quoteValue, showField } from './fieldText.ts';

/** Fields an experiment may vary: any config field but the seed, which `seeds` covers. */
export type VaryField = Exclude<ConfigField, 'seed'>;

export interface VariedField {
  field: VaryField;
  /** Distinct valid values, in run order. */
  values: FieldValue[];
}

export interface ExperimentSpec {
  /** Shown as its title; may be empty. */
  name: string;
  base: ExperimentConfig;
  /** Zero, one or two fields. */
  vary: VariedField[];
  /** Runs seeds base.seed … base.seed + seeds − 1 of every combination. */
  seeds: number;
}

/** Version of the experiment file format (`{"version": 1, ...}`). */
export const EXPERIMENT_FILE_VERSION = 1;
export const MAX_VARIED_FIELDS = 2;
export const MAX_VALUES = 16;
export const MAX_RUNS = 256;

/** The experiment's own fields, in the config table's shape. */
export const EXPERIMENT_FIELDS = {
  vary: { url: 'x', flag: 'vary', label: 'Vary', why: 'field=v1,v2 (in a link field:v1,v2;field2:…)' },
  seeds: {
    kind: 'int', min: 1, max: 32, default: 1, why: 'one seed; more give mean ± sd', url: 'ns', flag: 'seeds', label: 'Seeds', short: 'seeds ',
  } satisfies FieldSpec<number>,
} as const;

/** The config field a user named: by field name ("batchSize") or flag ("batch"). */
export function varyFieldNamed(name: string): VaryField | null {
  const f = isConfigField(name) ? name : (Object.keys(CONFIG_FIELDS) as ConfigField[]).find((k) => CONFIG_FIELDS[k].flag === name);
  return f && f !== 'seed' ? f : null;
}

/** "mode" + "bn,random-k" → a varied field, or the reason it is not one. */
export function parseVaried(name: string, valuesText: string): { varied: VariedField } | { reason: string } {
  const field = varyFieldNamed(name);
  if (!field) {
    return { reason: name === 'seed' ? 'vary the seed with seeds=N, not as a field' : `${quoteValue(name)} is not a config field` };
  }
  const values: FieldValue[] = [];
  for (const raw of valuesText.split(',').map((v) => v.trim()).filter((v) => v !== '')) {
    const r = parseFieldText(CONFIG_FIELDS[field], raw);
    if ('reason' in r) return { reason: `${field}: ${r.reason}` };
    values.push(r.value);
  }
  return checkVaried({ field, values });
}

function checkVaried(v: VariedField): { varied: VariedField } | { reason: string } {
  if (v.values.length === 0) return { reason: `${v.field}: no values` };
  if (v.values.length > MAX_VALUES) return { reason: `${v.field}: ${v.values.length} values, at most ${MAX_VALUES}` };
  for (const value of v.values) {
    const p = fieldValueProblem(CONFIG_FIELDS[v.field], value);
    if (p) return { reason: `${v.field}: ${p}` };
  }
  const dup = v.values.find((x, i) => v.values.indexOf(x) !== i);
  if (dup !== undefined) return { reason: `${v.field}: ${String(dup)} is listed twice` };
  return { varied: v };
}

/**
 * Checks a whole experiment: the varied fields (distinct, at most two), the seed count, the
 * run count, and that every run's config is valid. Returns the problems, empty when fine.
 */
export function experimentProblems(spec: ExperimentSpec): string[] {
  const out: string[] = [];
  if (spec.vary.length > MAX_VARIED_FIELDS) out.push(`vary: ${spec.vary.length} fields, at most ${MAX_VARIED_FIELDS}`);
  const fields = spec.vary.map((v) => v.field);
  if (new Set(fields).size !== fields.length) out.push(`vary: ${fields.join(', ')} names a field twice`);
  for (const v of spec.vary) {
    const r = checkVaried(v);
    if ('reason' in r) out.push(`vary: ${r.reason}`);
  }
  const seedProblem = fieldValueProblem(EXPERIMENT_FIELDS.seeds, spec.seeds);
  if (seedProblem) out.push(`seeds: ${seedProblem}`);
  if (spec.base.seed + spec.seeds - 1 > CONFIG_FIELDS.seed.max!) out.push(`seeds: seed ${spec.base.seed} + ${spec.seeds} runs past the largest seed`);
  if (out.length) return out;
  const n = runCount(spec);
  if (n > MAX_RUNS) return [`${n} runs, at most ${MAX_RUNS}: fewer values or seeds`];
  for (const run of planRuns(spec)) {
    const { issues } = validateConfig(run.config as unknown as Record<string, unknown>);
    for (const i of issues) out.push(`run ${run.label}: ${i.message}`);
  }
  return [...new Set(out)];
}

export function runCount(spec: ExperimentSpec): number {
  return spec.vary.reduce((n, v) => n * v.values.length, 1) * spec.seeds;
}

/** One run of an experiment. */
export interface PlannedRun {
  /** 0-based position in run order. */
  index: number;
  config: ExperimentConfig;
  /** The varied fields' values of this run (not the seed). */
  values: Partial<Record<VaryField, FieldValue>>;
  /** The combination without the seed, e.g. "mode=bn,depth=14": runs with the same cell differ only by seed. */
  cell: string;
  /** Stable id within the experiment, e.g. "mode=bn,depth=14,seed=0"; names its files. */
  key: string;
  /** Words for the difference, e.g. "mode bn, ResNet-14, seed 0". */
  label: string;
}

/**
 * Every run, seeds outermost: all combinations of seed 0 come first, so one full comparison
 * exists as early as possible; within a seed the first varied field changes slowest.
 */
export function planRuns(spec: ExperimentSpec): PlannedRun[] {
  let cells: Partial<Record<VaryField, FieldValue>>[] = [{}];
  for (const v of spec.vary) cells = cells.flatMap((c) => v.values.map((x) => ({ ...c, [v.field]: x })));
  const runs: PlannedRun[] = [];
  for (let s = 0; s < spec.seeds; s++) {
    const seed = spec.base.seed + s;
    for (const values of cells) {
      const entries = Object.entries(values) as [VaryField, FieldValue][];
      const cell = entries.map(([f, x]) => `${f}=${String(x)}`).join(',');
      runs.push({
        index: runs.length,
        config: { ...spec.base, ...values, seed } as ExperimentConfig,
        values,
        cell,
        key: [cell, `seed=${seed}`].filter(Boolean).join(','),
        label: [...entries.map(([f, x]) => showField(f, x)), showField('seed', seed)].join(', '),
      });
    }
  }
  return runs;
}

/** Words for one combination of varied values, e.g. "mode bn, ResNet-14" (or "base config"). */
export function cellLabel(values: Partial<Record<VaryField, FieldValue>>): string {
  const parts = (Object.entries(values) as [VaryField, FieldValue][]).map(([f, x]) => showField(f, x));
  return parts.length ? parts.join(', ') : 'base config';
}

/** Parses an experiment file's JSON value; names every problem. */
export function parseExperimentFile(input: unknown): { spec: ExperimentSpec } | { problems: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { problems: ['an experiment file holds one JSON object'] };
  const o = input as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(o)) if (!['version', 'name', 'base', 'vary', 'seeds'].includes(k)) problems.push(`unknown key "${k}" (known: version, name, base, vary, seeds)`);
  if (o.version !== EXPERIMENT_FILE_VERSION) problems.push(`version: expected ${EXPERIMENT_FILE_VERSION}, got ${JSON.stringify(o.version)}`);
  if (o.name !== undefined && typeof o.name !== 'string') problems.push('name: expected a string');
  const baseIn = o.base ?? {};
  let base = DEFAULT_CONFIG;
  if (typeof baseIn !== 'object' || baseIn === null || Array.isArray(baseIn)) problems.push('base: expected an object of config fields');
  else {
    const r = validateConfig(baseIn as Record<string, unknown>);
    base = r.config;
    for (const i of r.issues) problems.push(`base.${i.message}`);
  }
  const vary: VariedField[] = [];
  if (o.vary !== undefined) {
    if (!Array.isArray(o.vary)) problems.push('vary: expected a list of {"field": …, "values": [...]}');
    else {
      for (const [i, v] of o.vary.entries()) {
        const e = v as { field?: unknown; values?: unknown };
        const field = typeof e?.field === 'string' ? varyFieldNamed(e.field) : null;
        if (!field || !Array.isArray(e.values)) {
          problems.push(`vary[${i}]: expected {"field": a config field other than seed, "values": [...]}`);
          continue;
        }
        const r = checkVaried({ field, values: e.values as FieldValue[] });
        if ('reason' in r) problems.push(`vary[${i}]: ${r.reason}`);
        else vary.push(r.varied);
      }
    }
  }
  const seeds = o.seeds ?? EXPERIMENT_FIELDS.seeds.default;
  if (problems.length) return { problems };
  const spec: ExperimentSpec = { name: (o.name as string | undefined) ?? '', base, vary, seeds: seeds as number };
  const more = experimentProblems(spec);
  return more.length ? { problems: more } : { spec };
}

/** The file form of an experiment: only base fields that differ from the defaults, plus the seed. */
export function experimentToFile(spec: ExperimentSpec): object {
  const base = Object.fromEntries(
    (Object.keys(spec.base) as ConfigField[]).filter((f) => f === 'seed' || spec.base[f] !== DEFAULT_CONFIG[f]).map((f) => [f, spec.base[f]]),
  );
  return { version: EXPERIMENT_FILE_VERSION, ...(spec.name ? { name: spec.name } : {}), base, vary: spec.vary, seeds: spec.seeds };
}
