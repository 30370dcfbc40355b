/**
 * The worker's CIFAR-10 loader on the real files in $CIFAR10_DIR (skipped, with a note,
 * without them): served files behind a manifest (fetch replaced by one that streams the
 * files from disk in 1 MB chunks, as a server would), and picked files as Blobs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIFAR_FILES, MANIFEST_FILES, type DataManifest } from '../core/data/index.ts';
import { loadCifar, type LoadProgress } from './data.ts';
import type { FileCache } from './dataCache.ts';
import { officialMembers, streamOf, tarChunks } from '../core/data/testing/tarWriter.ts';

const dir = process.env.CIFAR10_DIR;
if (!dir) console.warn('[worker data.test] CIFAR10_DIR is unset: skipping the loader tests on the real CIFAR-10 files.');

describe.skipIf(!dir)('loadCifar (real CIFAR-10 files)', () => {
  const files = new Map<string, Uint8Array>();
  let manifest: DataManifest;

  beforeAll(() => {
    const sums = new Map(readFileSync(join(dir!, 'SHA256SUMS'), 'utf8').trim().split('\n').map((l) => l.split(/\s+/).reverse() as [string, string]));
    for (const name of MANIFEST_FILES) files.set(name, readFileSync(join(dir!, name)));
    const list = MANIFEST_FILES.map((name, i) => ({
      name, role: (i < 5 ? 'train' : name === CIFAR_FILES.test ? 'test' : 'meta') as 'train' | 'test' | 'meta', bytes: files.get(name)!.length, sha256: sums.get(name)!,
    }));
    manifest = { version: 1, dataset: 'cifar-10', files: list, totalBytes: list.reduce((n, f) => n + f.bytes, 0) };
  });

  /** A fetch serving `/data/` from memory, streamed in 1 MB chunks. */
  function server(overrides: Record<string, Uint8Array> = {}, m: DataManifest = manifest): typeof fetch {
    return (async (url: string | URL) => {
      const name = new URL(String(url)).pathname.replace('/data/', '');
      if (name === 'manifest.json') return Response.json(m);
      const bytes = overrides[name] ?? files.get(name);
      if (!bytes) return new Response('not found', { status: 404, statusText: 'Not Found' });
      let at = 0;
      return new Response(new ReadableStream<Uint8Array>({
        pull(c) {
          if (at >= bytes.length) return c.close();
          c.enqueue(bytes.slice(at, at + (1 << 20)));
          at += 1 << 20;
        },
      }));
    }) as typeof fetch;
  }

  it('loads served files with byte progress up to the manifest total, checking sizes and SHA-256', async () => {
    const progress: LoadProgress[] = [];
    const { dataset, description } = await loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, (p) => progress.push(p), server());
    expect(dataset.train.count).toBe(50000);
    expect(dataset.test.count).toBe(10000);
    expect(dataset.train.labels[0]).toBe(files.get('data_batch_1.bin')![0]); // first record's label byte
    expect(dataset.test.labels[9999]).toBe(files.get('test_batch.bin')![9999 * 3073]);
    expect(description).toBe('served /data/ (7 files, 184 MB, SHA-256 checked)');
    expect(progress.at(-1)).toEqual({ loadedBytes: manifest.totalBytes, totalBytes: manifest.totalBytes, file: 'batches.meta.txt' });
    expect(progress.every((p, i) => i === 0 || p.loadedBytes >= progress[i - 1].loadedBytes)).toBe(true);
  });

  it('caches verified files by content hash: a reload fetches only the manifest, and a bad file is never cached', async () => {
    const store = new Map<string, Response>();
    const cache: FileCache = {
      match: async (k) => store.get(String(k))?.clone(),
      put: async (k, r) => void store.set(String(k), r),
    };
    const bad = new Uint8Array(files.get('data_batch_2.bin')!);
    bad[7] ^= 1;
    await expect(loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, () => {}, server({ 'data_batch_2.bin': bad }), cache))
      .rejects.toThrow(/data_batch_2\.bin: SHA-256/);
    expect(store.size).toBe(1); // data_batch_1 only: the failed file left nothing behind
    await loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, () => {}, server(), cache);
    expect(store.size).toBe(7);
    const fetched: string[] = [];
    const manifestOnly = (async (url: string | URL) => {
      fetched.push(new URL(String(url)).pathname);
      return server()(url);
    }) as typeof fetch;
    const again = await loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, () => {}, manifestOnly, cache);
    expect(fetched).toEqual(['/data/manifest.json']);
    expect(again.dataset.train.count).toBe(50000);
    expect(again.description).toBe('served /data/ (7 files, 184 MB, SHA-256 checked, from the browser cache)');
  });

  it('caches an https archive only after it parsed: a reload reads it from the cache', async () => {
    const parts: Buffer[] = [];
    for await (const c of Readable.from(tarChunks(officialMembers(files))).pipe(createGzip({ level: 1 }))) parts.push(c as Buffer);
    const archive = new Uint8Array(Buffer.concat(parts));
    const store = new Map<string, Response>();
    const cache: FileCache = { match: async (k) => store.get(String(k))?.clone(), put: async (k, r) => void store.set(String(k), r) };
    let fetches = 0;
    const host = (bytes: Uint8Array) => (async () => {
      fetches++;
      return new Response(streamOf(bytes), { headers: { 'content-length': String(bytes.length) } });
    }) as typeof fetch;
    const url = 'https://example.org/cifar-10-binary.tar.gz';
    await expect(loadCifar({ kind: 'url', url }, () => {}, host(archive.subarray(0, archive.length >> 1)), cache)).rejects.toThrow();
    expect(store.size).toBe(0); // a cut-off download is not cached
    const first = await loadCifar({ kind: 'url', url }, () => {}, host(archive), cache);
    expect(first.dataset.train.count).toBe(50000);
    expect(store.size).toBe(1);
    const again = await loadCifar({ kind: 'url', url }, () => {}, host(new Uint8Array(0)), cache);
    expect(fetches).toBe(2);
    expect(again.description).toBe(`downloaded ${url}, from the browser cache`);
    expect(Buffer.from(again.dataset.test.images).equals(Buffer.from(first.dataset.test.images))).toBe(true);
  });

  it('names the file whose bytes do not match the manifest', async () => {
    const bad = new Uint8Array(files.get('data_batch_2.bin')!); // a copy (Buffer#slice is a view)
    bad[12345] ^= 1;
    await expect(loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, () => {}, server({ 'data_batch_2.bin': bad })))
      .rejects.toThrow(/^data_batch_2\.bin: SHA-256 [0-9a-f]{64} differs from the manifest's a591ca11/);
    await expect(loadCifar({ kind: 'served', baseUrl: 'http://lab.test/data/' }, () => {}, server({ 'test_batch.bin': bad.subarray(0, 1000) })))
      .rejects.toThrow('test_batch.bin: got 1000 of the 30730000 bytes the manifest lists');
  });

  it('loads picked .bin files (any order, extra files ignored) and reports a missing one', async () => {
    const picked = [...files.entries()].reverse().map(([name, bytes]) => ({ name: `cifar-10-batches-bin/${name}`, blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }));
    picked.push({ name: 'readme.html', blob: new Blob(['<p>hi</p>']) });
    const { dataset } = await loadCifar({ kind: 'files', files: picked }, () => {});
    expect(dataset.train.count).toBe(50000);
    expect(Buffer.from(dataset.test.images.subarray(0, 3072)).equals(Buffer.from(files.get('test_batch.bin')!.subarray(1, 3073)))).toBe(true);
    await expect(loadCifar({ kind: 'files', files: picked.filter((f) => !f.name.endsWith('data_batch_3.bin')) }, () => {}))
      .rejects.toThrow(/missing data_batch_3\.bin/);
  });
});
