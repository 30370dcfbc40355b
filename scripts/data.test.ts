/**
 * Tests of `npm run data` (scripts/data.ts) and its disk helpers (scripts/lib/cifarFiles.ts).
 * The parts that need the real files use $CIFAR10_DIR and are skipped, with a note, without it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CifarFormatError } from '../src/core/data/cifarRecords.ts';
import { officialMembers, tarChunks } from '../src/core/data/testing/tarWriter.ts';
import { DownloadError, ensureData, isDataPrepared, parseDataArgs } from './data.ts';
import { CIFAR10_MD5, loadCifarDir, md5File, parseSha256Sums } from './lib/cifarFiles.ts';

const dir = process.env.CIFAR10_DIR;
if (!dir) console.warn('[scripts/data.test] CIFAR10_DIR is unset: skipping the data preparation tests on the real files.');
const quiet = () => {};
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'cifar-data-test-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('parseDataArgs', () => {
  it('reads --from, --out, --force and rejects anything else by name', () => {
    expect(parseDataArgs(['--from', 'a.tar.gz', '--out', 'x', '--force'])).toEqual({ from: 'a.tar.gz', outDir: 'x', force: true });
    expect(() => parseDataArgs(['--form', 'a'])).toThrow('unknown argument "--form"');
    expect(() => parseDataArgs(['--from'])).toThrow('--from needs a value');
  });

  it('parses sha256sum output', () => {
    const sums = parseSha256Sums(`${'ab'.repeat(32)}  data_batch_1.bin\n${'CD'.repeat(32)} *test_batch.bin\n`);
    expect([...sums]).toEqual([['data_batch_1.bin', 'ab'.repeat(32)], ['test_batch.bin', 'cd'.repeat(32)]]);
    expect(() => parseSha256Sums('nonsense\n', 'S')).toThrow('S line 1 is not "<sha256>  <name>": "nonsense"');
  });
});

describe('download', () => {
  it('explains what to do when offline, and writes nothing', async () => {
    vi.stubEnv('CIFAR10_DIR', '');
    const offline = (() => Promise.reject(new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.cs.toronto.edu') }))) as typeof fetch;
    const out = join(work, 'offline', 'cifar10');
    const e = await rejection(ensureData({ outDir: out, log: quiet, fetchImpl: offline }));
    vi.unstubAllEnvs();
    expect(e).toBeInstanceOf(DownloadError);
    expect(e.message).toMatch(/^Could not download the CIFAR-10 archive after 0 bytes: fetch failed \(getaddrinfo ENOTFOUND www\.cs\.toronto\.edu\)\./);
    expect(e.message).toContain('npm run data -- --from path/to/cifar-10-binary.tar.gz');
    expect(e.message).toContain(CIFAR10_MD5);
    await expect(stat(join(work, 'offline'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects a download whose md5 is not the official one', async () => {
    vi.stubEnv('CIFAR10_DIR', '');
    const wrong = (() => Promise.resolve(new Response(new Uint8Array([1, 2, 3])))) as typeof fetch;
    const e = await rejection(ensureData({ outDir: join(work, 'md5', 'cifar10'), log: quiet, fetchImpl: wrong }));
    vi.unstubAllEnvs();
    expect(e.message).toMatch(/^The downloaded archive has md5 5289df737df57326fcdd22597afb1fac, expected c32a1d4ab5d03f1284b67883e8d87530 \(3 bytes\): corrupted download\./);
  });
});

describe.skipIf(!dir)('prepare from the real files', () => {
  let archive: string;
  beforeAll(async () => {
    archive = join(work, 'cifar-10-binary.tar.gz');
    const files = new Map<string, Uint8Array>();
    for (const name of ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin', 'batches.meta.txt']) {
      files.set(name, await readFile(join(dir!, name)));
    }
    // gzip level 0 (stored blocks): a valid archive, quick to build; real deflate is covered in src/core/data
    await pipeline(Readable.from(tarChunks(officialMembers(files))), createGzip({ level: 0 }), createWriteStream(archive));
  });

  it('prepares from a folder, verifying SHA256SUMS, then says already prepared', async () => {
    const out = join(work, 'from-dir', 'cifar10');
    const r = await ensureData({ from: dir, outDir: out, log: quiet });
    expect(r.status).toBe('prepared');
    const sums = parseSha256Sums(await readFile(join(dir!, 'SHA256SUMS'), 'utf8'));
    expect(r.manifest.files.map((f) => [f.name, f.sha256])).toEqual([...sums.entries()]);
    expect(r.manifest.totalBytes).toBe(6 * 30_730_000 + 60);
    expect((await readdir(out)).sort()).toEqual([...sums.keys(), 'manifest.json'].sort());
    expect((await isDataPrepared(out))?.totalBytes).toBe(184_380_060);
    expect((await ensureData({ from: dir, outDir: out, log: quiet })).status).toBe('already-prepared');
  });

  it('prepares byte-identical files from a .tar.gz, noting its unofficial md5', async () => {
    const out = join(work, 'from-tgz', 'cifar10');
    const lines: string[] = [];
    const r = await ensureData({ from: archive, outDir: out, log: (l) => lines.push(l) });
    const md5 = await md5File(archive);
    expect(lines).toContain(`note: archive md5 ${md5} differs from the official ${CIFAR10_MD5}; its contents were validated instead`);
    expect(lines.filter((l) => l.startsWith('extract')).at(-1)).toBe(`extract 100% ${((await stat(archive)).size / 1e6).toFixed(1)}/${((await stat(archive)).size / 1e6).toFixed(1)} MB`);
    const sums = parseSha256Sums(await readFile(join(dir!, 'SHA256SUMS'), 'utf8'));
    expect(r.manifest.files.map((f) => [f.name, f.sha256])).toEqual([...sums.entries()]);
  });

  it('fails on a corrupt folder without touching the output', async () => {
    const bad = join(work, 'bad');
    await rm(bad, { recursive: true, force: true });
    await mkdir(bad);
    for (const f of ['data_batch_1.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin']) await symlink(join(dir!, f), join(bad, f));
    const b2 = await readFile(join(dir!, 'data_batch_2.bin'));
    await writeFile(join(bad, 'data_batch_2.bin'), b2.subarray(0, 1_000_000));
    await writeFile(join(bad, 'SHA256SUMS'), await readFile(join(dir!, 'SHA256SUMS')));

    const checksum = await rejection(loadCifarDir(bad));
    expect([(checksum as CifarFormatError).code, checksum.message]).toEqual([
      'checksum',
      `${join(bad, 'data_batch_2.bin')} has SHA-256 ${createHash('sha256').update(b2.subarray(0, 1_000_000)).digest('hex')} but SHA256SUMS says a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed`,
    ]);
    await rm(join(bad, 'SHA256SUMS'));
    const out = join(work, 'from-dir', 'cifar10'); // prepared by the first test
    const before = await readFile(join(out, 'manifest.json'), 'utf8');
    const e = await rejection(ensureData({ from: bad, outDir: out, force: true, log: quiet }));
    expect([(e as CifarFormatError).code, e.message]).toEqual(['truncated', 'data_batch_2.bin is truncated: 1000000 bytes, expected 30730000 (10000 records of 3073 bytes)']);
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect((await readdir(join(work, 'from-dir'))).sort()).toEqual(['cifar10']); // no .tmp- or .old- leftovers
    const fresh = join(work, 'never', 'cifar10');
    await rejection(ensureData({ from: bad, outDir: fresh, log: quiet }));
    await expect(stat(fresh)).rejects.toThrow(/ENOENT/);
  });
});
