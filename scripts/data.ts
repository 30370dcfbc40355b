/**
 * `npm run data -- [--from PATH] [--out DIR] [--force]`: prepares CIFAR-10 for the web app
 * in public/data/cifar10/ (git-ignored): the six `.bin` batches, batches.meta.txt and a
 * manifest.json (names, sizes, SHA-256) that the browser loader uses for byte progress.
 *
 * Source, first found: --from (archive or folder), env CIFAR10_DIR, else the official
 * download (MD5-checked). Everything is validated before writing; files go to a temporary
 * folder renamed into place, so a failure leaves no half-written data. `ensureData` and
 * `isDataPrepared` are exported for scripts/start.ts.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CIFAR_FILES, CIFAR_RECORDS_PER_FILE, classCounts, encodeCifarBatch, metaText } from '../src/core/data/cifarRecords.ts';
import { MANIFEST_NAME, MANIFEST_VERSION, parseManifest, type DataManifest, type DataManifestFile } from '../src/core/data/manifest.ts';
import { CIFAR10_ARCHIVE_BYTES, CIFAR10_MD5, CIFAR10_URL, loadCifar, sha256, type LoadedCifar } from './lib/cifarFiles.ts';

/** Where the web app expects the prepared files, relative to the repository root. */
export const DEFAULT_OUT = 'public/data/cifar10';

/** Options of ensureData; all optional. */
export interface EnsureDataOptions {
  /** Archive or batches folder to read instead of CIFAR10_DIR / the download. */
  from?: string;
  /** Output folder (default public/data/cifar10). */
  outDir?: string;
  /** Rebuild even when already prepared. */
  force?: boolean;
  /** Progress and status lines (default: stderr). */
  log?: (line: string) => void;
  /** Injected for tests; default globalThis.fetch. */
  fetchImpl?: typeof fetch;
}

/** What ensureData did. */
export interface EnsureDataResult {
  status: 'already-prepared' | 'prepared';
  outDir: string;
  manifest: DataManifest;
}

/** A download failed; the message says what to do instead. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

const stderrLine = (line: string) => process.stderr.write(line + '\n');

/** The manifest in `outDir` if it is valid and every file it lists has the listed size. */
export async function isDataPrepared(outDir = DEFAULT_OUT): Promise<DataManifest | null> {
  try {
    const manifest = parseManifest(JSON.parse(await readFile(join(outDir, MANIFEST_NAME), 'utf8')));
    for (const f of manifest.files) if ((await stat(join(outDir, f.name))).size !== f.bytes) return null;
    return manifest;
  } catch {
    return null;
  }
}

/** A progress line on stderr: redrawn in place on a terminal, every 10% otherwise. */
function progressReporter(label: string, total: number, log: (l: string) => void): (done: number) => void {
  const tty = log === stderrLine && process.stderr.isTTY;
  let lastTenth = -1;
  let lastDraw = 0;
  return (done) => {
    const frac = total > 0 ? Math.min(1, done / total) : 0;
    const mb = (b: number) => (b / 1e6).toFixed(1);
    const text = `${label} ${(frac * 100).toFixed(0).padStart(3)}% ${mb(done)}/${mb(total)} MB`;
    if (tty) {
      const now = Date.now();
      if (now - lastDraw < 100 && frac < 1) return;
      lastDraw = now;
      const bar = '#'.repeat(Math.round(frac * 30)).padEnd(30, '-');
      process.stderr.write(`\r[${bar}] ${text}${frac >= 1 ? '\n' : ''}`);
    } else if (Math.floor(frac * 10) > lastTenth) {
      lastTenth = Math.floor(frac * 10);
      log(text);
    }
  };
}

/** Downloads the official archive to `dest`, checking its MD5; throws DownloadError with instructions. */
export async function downloadArchive(dest: string, log: (l: string) => void, fetchImpl: typeof fetch = fetch): Promise<void> {
  const advice =
    `To prepare the data without this machine downloading it:\n` +
    `  1. Download ${CIFAR10_URL} (162 MB, md5 ${CIFAR10_MD5}) on a machine with internet access.\n` +
    `  2. Run: npm run data -- --from path/to/cifar-10-binary.tar.gz\n` +
    `     (or pass --from / set CIFAR10_DIR to an extracted cifar-10-batches-bin folder)`;
  const md5 = createHash('md5');
  let received = 0;
  try {
    log(`Downloading ${CIFAR10_URL}`);
    const res = await fetchImpl(CIFAR10_URL, { signal: AbortSignal.timeout(30 * 60_000) });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    const total = Number(res.headers.get('content-length')) || CIFAR10_ARCHIVE_BYTES;
    const report = progressReporter('download', total, log);
    const out = createWriteStream(dest);
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        md5.update(chunk);
        received += chunk.length;
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        report(received);
      }
    } finally {
      await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
    }
  } catch (e) {
    const cause = (e as { cause?: { message?: string } }).cause?.message;
    const why = `${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause})` : ''}`;
    throw new DownloadError(`Could not download the CIFAR-10 archive after ${received} bytes: ${why}.\n${advice}`);
  }
  const digest = md5.digest('hex');
  if (digest !== CIFAR10_MD5) {
    throw new DownloadError(`The downloaded archive has md5 ${digest}, expected ${CIFAR10_MD5} (${received} bytes): corrupted download.\n${advice}`);
  }
}

/** Checks what parsing cannot: the per-class counts of the official release. */
function checkCounts(d: LoadedCifar): void {
  for (const [split, want] of [[d.train, 5000], [d.test, 1000]] as const) {
    const counts = classCounts(split.labels);
    if (counts.some((c) => c !== want)) {
      throw new Error(`${d.source}: ${split === d.train ? 'train' : 'test'} class counts are [${counts.join(', ')}], expected ${want} each`);
    }
  }
}

/** Writes the validated dataset to a temporary folder, then renames it to `outDir`. */
async function writePrepared(d: LoadedCifar, outDir: string): Promise<DataManifest> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const files: DataManifestFile[] = [];
    const put = async (name: string, role: DataManifestFile['role'], bytes: Uint8Array) => {
      await writeFile(join(tmp, name), bytes);
      files.push({ name, role, bytes: bytes.length, sha256: sha256(bytes) });
    };
    for (const [k, name] of CIFAR_FILES.train.entries()) {
      await put(name, 'train', encodeCifarBatch(d.train, k * CIFAR_RECORDS_PER_FILE, CIFAR_RECORDS_PER_FILE));
    }
    await put(CIFAR_FILES.test, 'test', encodeCifarBatch(d.test));
    await put(CIFAR_FILES.meta, 'meta', new TextEncoder().encode(d.meta ?? metaText()));
    const manifest = parseManifest({
      version: MANIFEST_VERSION,
      dataset: 'cifar-10',
      files,
      totalBytes: files.reduce((n, f) => n + f.bytes, 0),
    });
    await writeFile(join(tmp, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
    const old = `${outDir}.old-${process.pid}`;
    const hadOld = await stat(outDir).then(() => true, () => false);
    if (hadOld) await rename(outDir, old);
    await rename(tmp, outDir);
    if (hadOld) await rm(old, { recursive: true, force: true });
    return manifest;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Makes sure `outDir` holds the prepared dataset; see the header for the source order. */
export async function ensureData(opts: EnsureDataOptions = {}): Promise<EnsureDataResult> {
  const log = opts.log ?? stderrLine;
  const outDir = resolve(opts.outDir ?? DEFAULT_OUT);
  const existing = opts.force ? null : await isDataPrepared(outDir);
  if (existing) return { status: 'already-prepared', outDir, manifest: existing };

  let source = opts.from ?? process.env.CIFAR10_DIR;
  let downloaded: string | null = null;
  try {
    if (!source) {
      downloaded = join(tmpdir(), `cifar-10-binary-${process.pid}.tar.gz`);
      await downloadArchive(downloaded, log, opts.fetchImpl);
      source = downloaded;
    }
    log(`Reading ${source}`);
    const size = (await stat(source).catch(() => null))?.size ?? 0;
    const report = progressReporter('extract', size, log);
    const data = await loadCifar(source, { onProgress: (p) => report(p.compressedBytes) });
    if (data.kind === 'tar.gz') report(size);
    if (data.md5 && data.md5 !== CIFAR10_MD5) log(`note: archive md5 ${data.md5} differs from the official ${CIFAR10_MD5}; its contents were validated instead`);
    if (data.sha256Verified.length) log(`SHA-256 verified: ${data.sha256Verified.join(', ')}`);
    checkCounts(data);
    await mkdir(dirname(outDir), { recursive: true });
    const manifest = await writePrepared(data, outDir);
    return { status: 'prepared', outDir, manifest };
  } finally {
    if (downloaded) await rm(downloaded, { force: true });
  }
}

const USAGE = 'usage: npm run data -- [--from PATH_TO_TAR_GZ_OR_FOLDER] [--out DIR] [--force]';

/** Parses the command line; unknown flags are errors. */
export function parseDataArgs(argv: readonly string[]): EnsureDataOptions & { help?: boolean } {
  const opts: EnsureDataOptions & { help?: boolean } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--from') opts.from = value();
    else if (a === '--out') opts.outDir = value();
    else if (a === '--force') opts.force = true;
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${JSON.stringify(a)}\n${USAGE}`);
  }
  return opts;
}

async function main(): Promise<number> {
  try {
    const opts = parseDataArgs(process.argv.slice(2));
    if (opts.help) {
      console.log(USAGE);
      return 0;
    }
    const t0 = Date.now();
    const r = await ensureData(opts);
    const mb = (r.manifest.totalBytes / 1e6).toFixed(1);
    if (r.status === 'already-prepared') console.log(`CIFAR-10 already prepared in ${r.outDir} (${mb} MB); use --force to rebuild.`);
    else console.log(`CIFAR-10 prepared in ${r.outDir}: ${r.manifest.files.length} files, ${mb} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    return 0;
  } catch (e) {
    console.error(`npm run data failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code));
}
