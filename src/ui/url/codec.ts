/**
 * The experiment in the URL: one versioned table of fields with short keys (adding a persisted
 * setting is one row), only non-default values written, the seed always. Decoding never
 * throws: unknown keys, malformed and out-of-range values are returned as `ignored` and the
 * defaults are used. Pure: takes and returns strings; the one hook that touches `location`
 * is `useUrlSync`. Imports only the pure config module.
 */
import { CONFIG_FIELDS, DEFAULT_CONFIG, validateConfig, type ExperimentConfig } from '../../core/config.ts';
import { BACKEND_CHOICES, type BackendChoice } from '../../protocol/messages.ts';

export { BACKEND_CHOICES, type BackendChoice };

/** Current URL format version, written as `v=`. */
export const URL_VERSION = 1;


/** Everything a link restores, beyond the experiment config. */
export interface UrlSettings {
  backend: BackendChoice;
}
export const DEFAULT_SETTINGS: UrlSettings = { backend: 'auto' };

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

/** One row of the table: a config or settings field and its short key. */
interface UrlField {
  key: string;
  field: keyof ExperimentConfig | keyof UrlSettings;
}

/** The table. Keys are part of the link format: never reuse or rename one. */
export const URL_FIELDS: readonly UrlField[] = [
  { key: 'd', field: 'depth' },
  { key: 'w', field: 'width' },
  { key: 'm', field: 'mode' },
  { key: 'k', field: 'k' },
  { key: 'ep', field: 'epochs' },
  { key: 'b', field: 'batchSize' },
  { key: 'lr', field: 'lr' },
  { key: 'mom', field: 'momentum' },
  { key: 'wd', field: 'weightDecay' },
  { key: 'wdbn', field: 'wdOnBn' },
  { key: 'gi', field: 'gammaInit' },
  { key: 'sch', field: 'schedule' },
  { key: 'wu', field: 'warmupEpochs' },
  { key: 's', field: 'seed' },
  { key: 'tr', field: 'trainSize' },
  { key: 'te', field: 'testSize' },
  { key: 'aug', field: 'augment' },
  { key: 'be', field: 'backend' },
];

/** Keys that are flags of the page, not settings. */
const FLAG_KEYS = new Set(['v', 'run', 'embed', 'hide']);

/** What a link asked for. */
export interface UrlState {
  config: ExperimentConfig;
  settings: UrlSettings;
  /** `run=1`: start training as soon as the data is ready. */
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

const isConfigField = (f: string): f is keyof ExperimentConfig => f in CONFIG_FIELDS;

/** Text → typed value for one config field, or an error message. */
function parseValue(field: keyof ExperimentConfig, raw: string): { value: unknown } | { error: string } {
  const spec = CONFIG_FIELDS[field];
  if (spec.kind === 'bool') {
    if (raw === '1' || raw === 'true') return { value: true };
    if (raw === '0' || raw === 'false') return { value: false };
    return { error: 'expected 0 or 1' };
  }
  if (spec.kind === 'enum') return { value: raw };
  // Number('') is 0 and Number(' 1') is 1: require a plain decimal or exponent literal.
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw)) return { error: 'not a number' };
  return { value: Number(raw) };
}

function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value); // shortest round-tripping form for numbers
}

/** Encodes only the values that differ from the defaults, plus `v` and the seed. */
export function encodeUrlState(state: UrlState): string {
  const p = new URLSearchParams();
  p.set('v', String(URL_VERSION));
  for (const { key, field } of URL_FIELDS) {
    const value = isConfigField(field) ? state.config[field] : state.settings[field as keyof UrlSettings];
    const def = isConfigField(field) ? DEFAULT_CONFIG[field] : DEFAULT_SETTINGS[field as keyof UrlSettings];
    if (value !== def || field === 'seed') p.set(key, formatValue(value));
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
    if (part in HIDEABLE) {
      if (!out.includes(part as HideKey)) out.push(part as HideKey);
    } else ignored.push({ key: 'hide', value: part, reason: `unknown part; known: ${Object.keys(HIDEABLE).join(', ')}` });
  }
  return out;
}

/** Decodes a query string (with or without `?`). Never throws. */
export function decodeUrlState(search: string): DecodeResult {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const ignored: IgnoredParam[] = [];
  const byKey = new Map(URL_FIELDS.map((f) => [f.key, f.field]));
  const rawConfig: Record<string, unknown> = {};
  const rawText = new Map<string, { key: string; value: string }>();
  const settings: UrlSettings = { ...DEFAULT_SETTINGS };
  const state: Omit<UrlState, 'config' | 'settings'> = { run: false, embed: false, hide: [] };
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) {
      ignored.push({ key, value, reason: 'repeated; the first value is used' });
      continue;
    }
    seen.add(key);
    if (key === 'v') {
      if (value !== String(URL_VERSION)) ignored.push({ key, value, reason: `link format version ${value} is not ${URL_VERSION}; reading it as version ${URL_VERSION}` });
    } else if (key === 'run' || key === 'embed') state[key] = parseFlag(key, value, ignored);
    else if (key === 'hide') state.hide = parseHide(value, ignored);
    else if (FLAG_KEYS.has(key)) continue;
    else {
      const field = byKey.get(key);
      if (!field) ignored.push({ key, value, reason: 'unknown setting' });
      else if (field === 'backend') {
        if ((BACKEND_CHOICES as readonly string[]).includes(value)) settings.backend = value as BackendChoice;
        else ignored.push({ key, value, reason: `expected one of ${BACKEND_CHOICES.join(', ')}` });
      } else {
        const parsed = parseValue(field as keyof ExperimentConfig, value);
        if ('error' in parsed) ignored.push({ key, value, reason: `${field}: ${parsed.error}` });
        else {
          rawConfig[field] = parsed.value;
          rawText.set(field, { key, value });
        }
      }
    }
  }
  const { config, issues } = validateConfig(rawConfig);
  for (const issue of issues) {
    const src = rawText.get(issue.field) ?? { key: issue.field, value: String(issue.value) };
    ignored.push({ key: src.key, value: src.value, reason: issue.message });
  }
  return { state: { ...state, config, settings }, ignored };
}

/** The state of a fresh page. */
export function defaultUrlState(): UrlState {
  return { config: { ...DEFAULT_CONFIG }, settings: { ...DEFAULT_SETTINGS }, run: false, embed: false, hide: [] };
}
