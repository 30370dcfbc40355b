/**
 * Where the training worker keeps CIFAR-10 in Cache Storage: the bucket and the request URLs
 * naming each entry. The page's samples worker reads the same entries (a URL archive), so the
 * layout is shared here. Pure strings.
 */

/** Name of the Cache Storage bucket; the page's "clear cached data" removes it. */
export const DATA_CACHE_NAME = 'bn-lab-cifar10-v1';

/** Same-origin request URL naming one served file by source folder and content hash. */
export function cacheKey(base: URL, sha256: string): string {
  return new URL(`/__bn-lab-cache${base.pathname}${sha256}`, base).href;
}

/** Same-origin request URL under which an https archive's compressed bytes are kept. */
export function urlArchiveKey(url: string, origin: string): string {
  return new URL(`/__bn-lab-cache/url/${encodeURIComponent(url)}`, origin).href;
}
