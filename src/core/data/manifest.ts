/**
 * The `manifest.json` written by `npm run data` next to the prepared `.bin` files, which the
 * browser loader reads first to know what to fetch and how many bytes to expect (progress).
 * Owns its type and its validation. Pure.
 */
import { CIFAR_FILES, CifarFormatError } from './cifarRecords.ts';

/** File name of the manifest inside the prepared data folder. */
export const MANIFEST_NAME = 'manifest.json';
/** Current manifest format version. */
export const MANIFEST_VERSION = 1;

/** One prepared file. */
export interface DataManifestFile {
  /** Base name, e.g. `data_batch_1.bin`. */
  name: string;
  /** What the file holds. */
  role: 'train' | 'test' | 'meta';
  /** Size in bytes. */
  bytes: number;
  /** Lower-case hex SHA-256 of the file. */
  sha256: string;
}

/** Contents of manifest.json. */
export interface DataManifest {
  version: typeof MANIFEST_VERSION;
  dataset: 'cifar-10';
  /** The five train batches in order, the test batch, then batches.meta.txt. */
  files: DataManifestFile[];
  /** Sum of `files[].bytes`. */
  totalBytes: number;
}

/** The file names a manifest must list, in order. */
export const MANIFEST_FILES: readonly string[] = [...CIFAR_FILES.train, CIFAR_FILES.test, CIFAR_FILES.meta];

function fail(field: string, value: unknown, want: string): never {
  throw new CifarFormatError('manifest', `${MANIFEST_NAME}: ${field} is ${JSON.stringify(value)}; expected ${want}`, MANIFEST_NAME);
}

/** Validates parsed JSON as a DataManifest; errors name the field and value. */
export function parseManifest(json: unknown): DataManifest {
  if (typeof json !== 'object' || json === null) fail('the document', json, 'an object');
  const m = json as Record<string, unknown>;
  if (m.version !== MANIFEST_VERSION) fail('version', m.version, String(MANIFEST_VERSION));
  if (m.dataset !== 'cifar-10') fail('dataset', m.dataset, '"cifar-10"');
  if (!Array.isArray(m.files)) fail('files', m.files, 'an array');
  const files = m.files as unknown[];
  if (files.length !== MANIFEST_FILES.length) fail('files.length', files.length, String(MANIFEST_FILES.length));
  let total = 0;
  files.forEach((f, i) => {
    const e = (f ?? {}) as Record<string, unknown>;
    const want = MANIFEST_FILES[i];
    const role = i < CIFAR_FILES.train.length ? 'train' : want === CIFAR_FILES.test ? 'test' : 'meta';
    if (e.name !== want) fail(`files[${i}].name`, e.name, JSON.stringify(want));
    if (e.role !== role) fail(`files[${i}].role`, e.role, JSON.stringify(role));
    if (!Number.isInteger(e.bytes) || (e.bytes as number) < 0) fail(`files[${i}].bytes`, e.bytes, 'a byte count');
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) fail(`files[${i}].sha256`, e.sha256, '64 hex digits');
    total += e.bytes as number;
  });
  if (m.totalBytes !== total) fail('totalBytes', m.totalBytes, `${total} (sum of files[].bytes)`);
  return json as DataManifest;
}
