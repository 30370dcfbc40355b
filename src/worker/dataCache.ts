/**
 * A cache of served CIFAR-10 files in Cache Storage, keyed by the source folder and each
 * file's SHA-256 from the manifest, so a reload does not download 184 MB again. An entry is
 * written only after its bytes were fully received and matched the manifest's hash (one
 * atomic `put`), so a failed or partial download leaves nothing behind. Worker-safe: Cache
 * Storage exists in workers; where it does not (Node), there is simply no cache.
 */

import { DATA_CACHE_NAME } from '../protocol/dataCacheKeys.ts';

export { cacheKey, DATA_CACHE_NAME } from '../protocol/dataCacheKeys.ts';

/** The part of the Cache Storage API this module uses. */
export type FileCache = Pick<Cache, 'match' | 'put'>;

export async function openDataCache(): Promise<FileCache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(DATA_CACHE_NAME);
  } catch {
    return null; // opaque origins and private modes may refuse storage: run without a cache
  }
}

/** The cached bytes of a file when present with the expected length, else null. */
export async function readCached(cache: FileCache | null, key: string, bytes: number): Promise<Uint8Array | null> {
  const hit = await cache?.match(key).catch(() => undefined);
  if (!hit) return null;
  const data = new Uint8Array(await hit.arrayBuffer());
  return data.length === bytes ? data : null;
}

/** Stores verified bytes; a full quota only costs the cache, never the load. */
export async function writeCached(cache: FileCache | null, key: string, data: Uint8Array): Promise<void> {
  await cache?.put(key, new Response(new Uint8Array(data))).catch(() => undefined);
}
