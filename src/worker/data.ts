/**
 * CIFAR-10 into the worker from any DataSource, with byte-level progress: the files served
 * by `npm run data` (manifest.json first, then each `.bin` checked against its size and
 * SHA-256), an https `.tar.gz`, picked `.bin` files, or a picked archive. Parsing is the
 * core's (src/core/data); this file only moves bytes. Web-standard APIs only (fetch,
 * streams, crypto.subtle), so it runs in a worker and in Node tests.
 */
import {
  baseName, CIFAR_FILES, CifarFormatError, createDatasetCollector, MANIFEST_NAME, parseManifest, readCifarTarGz,
  type CifarDataset, type DataManifestFile,
} from '../core/data/index.ts';
import type { DataSource } from '../protocol/messages.ts';
import { urlArchiveKey } from '../protocol/dataCacheKeys.ts';
import { cacheKey, openDataCache, readCached, writeCached, type FileCache } from './dataCache.ts';

/** Bytes so far; `totalBytes` null when unknown. */
export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number | null;
  file: string | null;
}

export interface LoadedData {
  dataset: CifarDataset;
  description: string;
}

/** A fetch that failed at the HTTP level; the message names the URL and the status. */
export class DataFetchError extends Error {
  override name = 'DataFetchError';
}

async function get(url: string, fetchFn: typeof fetch, hint = ''): Promise<Response> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new DataFetchError(`GET ${url} failed: ${(e as Error).message}${hint}`);
  }
  if (!res.ok) throw new DataFetchError(`GET ${url}: ${res.status} ${res.statusText}${hint}`);
  return res;
}

/** Reads a stream to its end, calling `onChunk` with each chunk. */
async function pump(stream: ReadableStream<Uint8Array>, onChunk: (b: Uint8Array) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return;
    onChunk(r.value);
  }
}

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
}

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

async function loadServed(
  baseUrl: string, onProgress: (p: LoadProgress) => void, fetchFn: typeof fetch, cache: FileCache | null,
): Promise<LoadedData> {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, globalThis.location?.href);
  const manifestUrl = new URL(MANIFEST_NAME, base).href;
  const manifest = parseManifest(await (await get(manifestUrl, fetchFn, ' (run `npm run data` to prepare CIFAR-10)')).json());
  const collector = createDatasetCollector();
  let loaded = 0;
  let fromCache = 0;
  const readFile = async (f: DataManifestFile): Promise<Uint8Array> => {
    const key = cacheKey(base, f.sha256);
    const cached = await readCached(cache, key, f.bytes);
    if (cached) {
      fromCache++;
      loaded += f.bytes;
      onProgress({ loadedBytes: loaded, totalBytes: manifest.totalBytes, file: f.name });
      return cached;
    }
    const res = await get(new URL(f.name, base).href, fetchFn);
    const bytes = new Uint8Array(f.bytes);
    let at = 0;
    await pump(res.body!, (chunk) => {
      if (at + chunk.length > f.bytes) throw new CifarFormatError('size', `${f.name}: the server sent more than the ${f.bytes} bytes the manifest lists`, f.name);
      bytes.set(chunk, at);
      at += chunk.length;
      loaded += chunk.length;
      onProgress({ loadedBytes: loaded, totalBytes: manifest.totalBytes, file: f.name });
    });
    if (at !== f.bytes) throw new CifarFormatError('truncated', `${f.name}: got ${at} of the ${f.bytes} bytes the manifest lists`, f.name);
    const digest = hex(await crypto.subtle.digest('SHA-256', bytes));
    if (digest !== f.sha256) throw new CifarFormatError('checksum', `${f.name}: SHA-256 ${digest} differs from the manifest's ${f.sha256}`, f.name);
    await writeCached(cache, key, bytes);
    return bytes;
  };
  for (const f of manifest.files) {
    const bytes = await readFile(f);
    if (f.name === CIFAR_FILES.meta) {
      collector.setMeta(new TextDecoder().decode(bytes));
      continue;
    }
    const w = collector.open(f.name, bytes.length);
    w?.write(bytes);
    w?.end();
  }
  const origin = fromCache === manifest.files.length ? ', from the browser cache' : fromCache ? `, ${fromCache} from the browser cache` : '';
  return {
    dataset: collector.finish(),
    description: `served ${base.pathname} (${manifest.files.length} files, ${mb(manifest.totalBytes)}, SHA-256 checked${origin})`,
  };
}

async function loadArchive(stream: ReadableStream<Uint8Array>, total: number | null, what: string, onProgress: (p: LoadProgress) => void): Promise<LoadedData> {
  const dataset = await readCifarTarGz(stream, {
    onProgress: (p) => onProgress({ loadedBytes: p.compressedBytes, totalBytes: total, file: p.file }),
  });
  return { dataset, description: what };
}

/**
 * An https `.tar.gz`, parsed as it streams. The compressed bytes are kept aside (never the
 * decompressed tar) and cached under the URL only once the whole archive parsed, so a reload
 * reads it from the cache and a failed download caches nothing.
 */
async function loadUrl(url: string, onProgress: (p: LoadProgress) => void, fetchFn: typeof fetch, cache: FileCache | null): Promise<LoadedData> {
  if (!/^https:\/\//.test(url)) throw new DataFetchError(`url: ${JSON.stringify(url)} is not an https URL`);
  const key = urlArchiveKey(url, globalThis.location?.href ?? 'https://cache.invalid/');
  const hit = await cache?.match(key).catch(() => undefined);
  if (hit?.body) {
    const len = Number(hit.headers.get('content-length')) || null;
    return loadArchive(hit.body, len, `downloaded ${url}, from the browser cache`, onProgress);
  }
  const res = await get(url, fetchFn);
  const len = Number(res.headers.get('content-length'));
  if (!cache) return loadArchive(res.body!, len > 0 ? len : null, `downloaded ${url}`, onProgress);
  const [parse, keep] = res.body!.tee();
  const chunks: Uint8Array[] = [];
  const keeper = keep.getReader();
  const kept = (async () => {
    for (let r = await keeper.read(); !r.done; r = await keeper.read()) chunks.push(r.value);
  })();
  let loaded: LoadedData;
  try {
    loaded = await loadArchive(parse, len > 0 ? len : null, `downloaded ${url}`, onProgress);
  } catch (e) {
    await keeper.cancel().catch(() => undefined); // nothing of a failed download is kept
    throw e;
  }
  await kept;
  const blob = new Blob(chunks as BlobPart[]);
  await cache.put(key, new Response(blob, { headers: { 'content-length': String(blob.size) } })).catch(() => undefined);
  return loaded;
}

async function loadFiles(files: { name: string; blob: Blob }[], onProgress: (p: LoadProgress) => void): Promise<LoadedData> {
  const collector = createDatasetCollector();
  const total = files.reduce((n, f) => n + f.blob.size, 0);
  let loaded = 0;
  for (const f of files) {
    const name = baseName(f.name);
    if (name === CIFAR_FILES.meta) {
      collector.setMeta(await f.blob.text());
      loaded += f.blob.size;
      continue;
    }
    const w = collector.open(name, f.blob.size);
    if (!w) {
      loaded += f.blob.size; // not part of the dataset (readme.html, …)
      continue;
    }
    await pump(f.blob.stream(), (chunk) => {
      w.write(chunk);
      loaded += chunk.length;
      onProgress({ loadedBytes: loaded, totalBytes: total, file: name });
    });
    w.end();
  }
  return { dataset: collector.finish(), description: `${files.length} picked files (${mb(total)})` };
}

/** Loads CIFAR-10 from `source`; errors are CifarFormatError (bad content) or DataFetchError. */
export async function loadCifar(
  source: DataSource, onProgress: (p: LoadProgress) => void, fetchFn: typeof fetch = fetch,
  cache: Promise<FileCache | null> | FileCache | null = openDataCache(),
): Promise<LoadedData> {
  switch (source.kind) {
    case 'served':
      return loadServed(source.baseUrl, onProgress, fetchFn, await cache);
    case 'url':
      return loadUrl(source.url, onProgress, fetchFn, await cache);
    case 'files':
      return loadFiles(source.files, onProgress);
    case 'archive':
      return loadArchive(source.blob.stream(), source.blob.size, `picked archive (${mb(source.blob.size)})`, onProgress);
    default:
      throw new Error(`loadData: unknown source kind ${JSON.stringify((source as { kind: unknown }).kind)}`);
  }
}
