/**
 * The run (or experiment) in the URL, read and written through the config table's URL keys
 * (src/core/config.ts): only non-default values are written, the seed always. An experiment
 * link adds `x` (varied fields) and `ns` (seeds). Decoding never throws: unknown keys,
 * malformed and out-of-range values are returned as `ignored` and the defaults are used.
 * Pure: takes and returns strings; the one hook that touches `location` is `useUrlSync`.
 */
import { CONFIG_FIELD_NAMES, CONFIG_FIELDS, DEFAULT_CONFIG, validateConfig, type ConfigField, type ExperimentConfig } from '../../core/config.ts';
import { EXPERIMENT_FIELDS, parseVaried, type VariedField } from '../../core/experiment.ts';
import { formatFieldValue, parseFieldText, quoteValue } from '../../core/fieldText.ts';
import { BACKEND_CHOICES, type BackendChoice } from '../../protocol/messages.ts';

export { BACKEND_CHOICES, type BackendChoice };

/** Current URL format version, written as `v=`. */
export const URL_VERSION = 1;

/** Everything a link restores, beyond the run config. */
export interface UrlSettings {
  backend: BackendChoice;
}
export const DEFAULT_SETTINGS: UrlSettings = { backend: 'auto' };
/** URL key of the backend setting. Part of the link format. */
export const BACKEND_KEY = 'be';

/** Parts of the page an embed link can hide (`hide=recipe,runs`). */
export const HIDEABLE = {
  config: 'Experiment settings',
  recipe: 'Training recipe',
  data: 'Data panel',
  backend: 'Backend choice',
  runs: 'Saved runs',
  share: 'Share and export',
  gamma: 'γ charts',
  results: 'Results',
} as const;
export type HideKey = keyof typeof HIDEABLE;

/** What an experiment link adds to the base config. */
export interface UrlExperiment {
  vary: VariedField[];
  seeds: number;
}

/** What a link asked for. */
export interface UrlState {
  config: ExperimentConfig;
  settings: UrlSettings;
  /** Set by an experiment link (`x=…`, `ns=…`). */
  experiment: UrlExperiment | null;
  /** `run=1`: start training as soon as the data is ready (after the same confirmation as Start). */
  run: boolean;
  /** `embed=1`: classroom/embed mode (large type, chosen parts hidden). */
  embed: boolean;
  hide: HideKey[];
}

/** A key=value the decoder did not use, and why. */
export interface IgnoredParam {
  key: string;
  value: string;
  reason: string;
}

export interface DecodeResult {
  state: UrlState;
  ignored: IgnoredParam[];
}

const FIELD_BY_KEY = new Map<string, ConfigField>(CONFIG_FIELD_NAMES.map((f) => [CONFIG_FIELDS[f].url, f]));
const VARY_KEY = EXPERIMENT_FIELDS.vary.url;
const SEEDS_KEY = EXPERIMENT_FIELDS.seeds.url;

/** `field:v1,v2;field2:v3` → varied fields; problems go to `ignored`. */
function decodeVary(raw: string, ignored: IgnoredParam[]): VariedField[] {
  const out: VariedField[] = [];
  for (const part of raw.split(';').filter(Boolean)) {
    const at = part.indexOf(':');
    const r = at < 0 ? { reason: `expected field:value,value, got ${quoteValue(part)}` } : parseVaried(part.slice(0, at), part.slice(at + 1));
    if ('reason' in r) ignored.push({ key: VARY_KEY, value: part, reason: r.reason });
    else if (out.some((v) => v.field === r.varied.field)) ignored.push({ key: VARY_KEY, value: part, reason: `${r.varied.field} is varied twice` });
    else out.push(r.varied);
  }
  return out;
}

export const encodeVary = (vary: readonly VariedField[]): string =>
  vary.map((v) => `${v.field}:${v.values.map(formatFieldValue).join(',')}`).join(';');

/** Encodes only the values that differ from the defaults, plus `v` and the seed. */
export function encodeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  p.set('v', String(URL_VERSION));
  for (const f of CONFIG_FIELD_NAMES) {
    if (state.config[f] !== DEFAULT_CONFIG[f] || f === 'seed') p.set(CONFIG_FIELDS[f].url, formatFieldValue(state.config[f]));
  }
  if (state.settings.backend !== DEFAULT_SETTINGS.backend) p.set(BACKEND_KEY, state.settings.backend);
  if (state.experiment) {
    if (state.experiment.vary.length) p.set(VARY_KEY, encodeVary(state.experiment.vary));
    p.set(SEEDS_KEY, String(state.experiment.seeds));
  }
  if (state.run) p.set('run', '1');
  if (state.embed) p.set('embed', '1');
  if (state.hide.length) p.set('hide', state.hide.join(','));
  return p.toString();
}

function parseFlag(key: string, raw: string, ignored: IgnoredParam[]): boolean {
  if (raw === '1' || raw === 'true') return true;
  if (raw !== '0' && raw !== 'false') ignored.push({ key, value: raw, reason: 'expected 0 or 1' });
  return false;
}

function parseHide(raw: string, ignored: IgnoredParam[]): HideKey[] {
  const out: HideKey[] = [];
  for (const part of raw.split(',').filter(Boolean)) {
    if (Object.hasOwn(HIDEABLE, part)) {
      if (!out.includes(part as HideKey)) out.push(part as HideKey);
    } else ignored.push({ key: 'hide', value: part, reason: `unknown part; known: ${Object.keys(HIDEABLE).join(', ')}` });
  }
  return out;
}

/** Decodes a query string (with or without `?`). Never throws. */
export function decodeUrlState(search: string): DecodeResult {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const ignored: IgnoredParam[] = [];
  const rawConfig: Record<string, unknown> = {};
  const rawText = new Map<string, { key: string; value: string }>();
  const state: UrlState = { ...defaultUrlState(), config: DEFAULT_CONFIG };
  let vary: VariedField[] | null = null;
  let seeds: number | null = null;
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      ignored.push({ key, value, reason: 'repeated; the first value is used' });
      continue;
    }
    seen.add(key);
    const field = FIELD_BY_KEY.get(key);
    if (key === 'v') {
      if (value !== String(URL_VERSION)) ignored.push({ key, value, reason: `link format version ${value} is not ${URL_VERSION}; reading it as version ${URL_VERSION}` });
    } else if (key === 'run' || key === 'embed') state[key] = parseFlag(key, value, ignored);
    else if (key === 'hide') state.hide = parseHide(value, ignored);
    else if (key === BACKEND_KEY) {
      if ((BACKEND_CHOICES as readonly string[]).includes(value)) state.settings = { backend: value as BackendChoice };
      else ignored.push({ key, value, reason: `expected one of ${BACKEND_CHOICES.join(', ')}` });
    } else if (key === VARY_KEY) vary = decodeVary(value, ignored);
    else if (key === SEEDS_KEY) {
      const r = parseFieldText(EXPERIMENT_FIELDS.seeds, value);
      const n = 'value' in r ? (r.value as number) : NaN;
      if (Number.isInteger(n) && n >= EXPERIMENT_FIELDS.seeds.min && n <= EXPERIMENT_FIELDS.seeds.max) seeds = n;
      else ignored.push({ key, value, reason: `seeds: expected a whole number ${EXPERIMENT_FIELDS.seeds.min}…${EXPERIMENT_FIELDS.seeds.max}` });
    } else if (!field) ignored.push({ key, value, reason: 'unknown setting' });
    else {
      const parsed = parseFieldText(CONFIG_FIELDS[field], value);
      if ('reason' in parsed) ignored.push({ key, value, reason: `${field}: ${parsed.reason}` });
      else {
        rawConfig[field] = parsed.value;
        rawText.set(field, { key, value });
      }
    }
  }
  const { config, issues } = validateConfig(rawConfig);
  for (const issue of issues) {
    const src = rawText.get(issue.field) ?? { key: issue.field, value: String(issue.value) };
    ignored.push({ key: src.key, value: src.value, reason: issue.message });
  }
  if (vary !== null || seeds !== null) state.experiment = { vary: vary ?? [], seeds: seeds ?? EXPERIMENT_FIELDS.seeds.default };
  return { state: { ...state, config }, ignored };
}

/** The state of a fresh page. */
export function defaultUrlState(): UrlState {
  return { config: { ...DEFAULT_CONFIG }, settings: { ...DEFAULT_SETTINGS }, experiment: null, run: false, embed: false, hide: [] };
}
