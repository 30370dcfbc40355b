/**
 * Config flags of the command-line tools, all from the one table in src/core/config.ts: the
 * node:util parseArgs options, the reading of their text (strict numbers, on/off) with
 * messages that name the flag, and the usage lines. Train and sweep share it.
 */
import { CONFIG_FIELD_NAMES, CONFIG_FIELDS, validateConfig, type ExperimentConfig } from '../../src/core/config.ts';
import { parseFieldText } from '../../src/core/fieldText.ts';

/** A bad flag or value; the message names it. The entry points print it with the usage and exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** parseArgs options of every config flag (string-valued; the table says how to read them). */
export const CONFIG_OPTIONS = Object.fromEntries(CONFIG_FIELD_NAMES.map((f) => [CONFIG_FIELDS[f].flag, { type: 'string' as const }]));

const flagOf = (field: string) => (Object.hasOwn(CONFIG_FIELDS, field) ? `--${CONFIG_FIELDS[field as keyof ExperimentConfig].flag}` : field);

/** The config the flags give over `base`; throws UsageError listing every bad flag. */
export function readConfigFlags(values: Record<string, unknown>, base?: ExperimentConfig): ExperimentConfig {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const f of CONFIG_FIELD_NAMES) {
    const text = values[CONFIG_FIELDS[f].flag];
    if (typeof text !== 'string') continue;
    const r = parseFieldText(CONFIG_FIELDS[f], text);
    if ('reason' in r) problems.push(`--${CONFIG_FIELDS[f].flag}: ${r.reason}`);
    else input[f] = r.value;
  }
  const { config, issues } = validateConfig(input, base);
  for (const i of issues) problems.push(`${flagOf(i.field)}: ${i.reason}`);
  if (problems.length) throw new UsageError(problems.join('\n'));
  return config;
}
