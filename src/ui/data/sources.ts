/**
 * Where the page looks for data by default, and how a user's choice (dropped files, a URL)
 * becomes a protocol DataSource, with the validation that can happen before the worker sees
 * it: file names and sizes, https only. Pure except for reading File names/sizes.
 */
import { CIFAR_FILES, CIFAR_RECORD_BYTES } from '../../core/data/cifarRecords.ts';
import type { DataSource } from '../../protocol/messages.ts';

/** The folder `npm run data` prepares and the server serves. */
export const SERVED_BASE_URL = `${import.meta.env?.BASE_URL ?? '/'}data/cifar10/`;
export const DEFAULT_SERVED_SOURCE: DataSource = { kind: 'served', baseUrl: SERVED_BASE_URL };

const BIN_NAMES = new Set<string>([...CIFAR_FILES.train, CIFAR_FILES.test]);

/** Files chosen by the user → a source, or an error naming what is wrong. */
export function sourceFromFiles(files: readonly File[]): { source: DataSource } | { error: string } {
  if (!files.length) return { error: 'No file was chosen.' };
  const archive = files.find((f) => /\.(tar\.gz|tgz)$/i.test(f.name));
  if (archive) {
    if (files.length > 1) return { error: `Choose either the archive ${archive.name} or the .bin files, not both.` };
    return { source: { kind: 'archive', blob: archive } };
  }
  const unknown = files.filter((f) => !BIN_NAMES.has(f.name) && f.name !== CIFAR_FILES.meta);
  if (unknown.length) {
    return { error: `${unknown.map((f) => f.name).join(', ')}: not a CIFAR-10 file. Expected cifar-10-binary.tar.gz or ${[...BIN_NAMES].join(', ')}.` };
  }
  const bad = files.find((f) => BIN_NAMES.has(f.name) && f.size % CIFAR_RECORD_BYTES !== 0);
  if (bad) return { error: `${bad.name} is ${bad.size.toLocaleString('en-US')} bytes, not a whole number of ${CIFAR_RECORD_BYTES}-byte records.` };
  const missing = [...BIN_NAMES].filter((n) => !files.some((f) => f.name === n));
  if (missing.length) return { error: `Missing ${missing.join(', ')}: choose all six .bin files at once (or the .tar.gz archive).` };
  return { source: { kind: 'files', files: files.map((f) => ({ name: f.name, blob: f })) } };
}

/** A typed URL → a source; only https (or this page's own origin, for tests). */
export function sourceFromUrl(text: string, pageOrigin: string): { source: DataSource } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim(), pageOrigin);
  } catch {
    return { error: `"${text}" is not a URL.` };
  }
  if (url.protocol !== 'https:' && url.origin !== pageOrigin) return { error: `Only https URLs are allowed (got ${url.protocol}).` };
  return { source: { kind: 'url', url: url.href } };
}

/** Words for a failed URL fetch that the browser reports only as "Failed to fetch". */
export function explainFetchError(message: string, url: string | null): string {
  if (/failed to fetch|networkerror|load failed|cors/i.test(message) && url) {
    const host = (() => {
      try {
        return new URL(url).host;
      } catch {
        return url;
      }
    })();
    return `The browser could not read ${url}. Most often the server (${host}) does not allow other sites to read it (no CORS headers: Access-Control-Allow-Origin, and Cross-Origin-Resource-Policy because this page is cross-origin isolated), or the address is wrong or offline. Download the file yourself and drop it here instead.`;
  }
  return message;
}
