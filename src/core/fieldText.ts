/**
 * Field values as text, for links and the command line, from the one table in config.ts:
 * a strict reader (plain decimal numbers only: "0x0e", " 14" and "" are refused), the writer
 * links use, the words run labels use, and the `--help` lines of the config flags.
 * Pure; imports only config.ts.
 */
import { CONFIG_FIELD_NAMES, CONFIG_FIELDS, type ConfigField, type FieldSpec, type FieldValue } from './config.ts';

/** Longest piece of a rejected value quoted back in a message. */
const QUOTE_CHARS = 24;

/** `text` quoted for a message, shortened in the middle when long (a link may hold anything). */
export function quoteValue(text: string): string {
  const t = text.length > QUOTE_CHARS ? `${text.slice(0, 10)}…${text.slice(-10)} (${text.length} characters)` : text;
  return JSON.stringify(t);
}

const NUMBER_TEXT = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Reads one value as text; `reason` says what is wrong (without the field's name). */
export function parseFieldText(spec: FieldSpec, raw: string): { value: FieldValue } | { reason: string } {
  if (spec.kind === 'bool') {
    if (raw === '1' || raw === 'true' || raw === 'on') return { value: true };
    if (raw === '0' || raw === 'false' || raw === 'off') return { value: false };
    return { reason: `expected 1 or 0 (on or off), got ${quoteValue(raw)}` };
  }
  if (spec.kind === 'enum') return { value: raw };
  if (!NUMBER_TEXT.test(raw)) return { reason: `${quoteValue(raw)} is not a number` };
  const value = Number(raw);
  if (!Number.isFinite(value)) return { reason: `${quoteValue(raw)} is outside ${spec.min}…${spec.max}` };
  return { value };
}

/** The text a link writes for a value: booleans as 1/0, numbers in their shortest round-trip form. */
export function formatFieldValue(value: FieldValue): string {
  return typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
}

/** "ResNet-14", "mode bn", "wd on BN off": a field and its value in words. */
export function showField(field: ConfigField, value: FieldValue): string {
  return `${CONFIG_FIELDS[field].short}${typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value)}`;
}

/** What a flag's argument looks like in `--help`. */
function argOf(spec: FieldSpec): string {
  if (spec.kind === 'bool') return 'on|off';
  if (spec.kind === 'enum') return spec.values!.join('|');
  return spec.kind === 'int' ? 'N' : 'X';
}

/** `--help` lines of every config flag: flag, argument, label and default with its reason. */
export function configUsageLines(): string[] {
  const rows = CONFIG_FIELD_NAMES.map((f) => {
    const s = CONFIG_FIELDS[f];
    const def = typeof s.default === 'boolean' ? (s.default ? 'on' : 'off') : String(s.default);
    return [`--${s.flag} ${argOf(s)}`, `${s.label}; default ${def} (${s.why})`];
  });
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([a, b]) => `  ${a.padEnd(width)}${b}`);
}
