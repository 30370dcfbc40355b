/**
 * Browser storage as the data panel shows it: usage and quota (StorageManager), persistence
 * (asked for once, so the browser does not evict a 180 MB cache under pressure), and clearing
 * the data cache. The cache itself belongs to the worker's data layer; clearing removes every
 * Cache Storage entry, OPFS entry and IndexedDB database of this origin except the saved
 * runs (`bn-lab-runs`), so it works whichever store that layer uses.
 */
const RUNS_DB = 'bn-lab-runs';

export interface StorageStatus {
  usage: number;
  quota: number | null;
  persisted: boolean;
}

export async function storageStatus(): Promise<StorageStatus | null> {
  const sm = navigator.storage;
  if (!sm?.estimate) return null;
  const est = await sm.estimate();
  let persisted = (await sm.persisted?.()) ?? false;
  if (!persisted && sm.persist) persisted = await sm.persist().catch(() => false);
  return { usage: est.usage ?? 0, quota: est.quota ?? null, persisted };
}

export async function clearDataCache(): Promise<string> {
  let removed = 0;
  const blocked: string[] = [];
  if (typeof caches !== 'undefined') {
    for (const key of await caches.keys()) if (await caches.delete(key)) removed++;
  }
  try {
    const root = await navigator.storage?.getDirectory?.();
    if (root) {
      for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) {
        await root.removeEntry(name, { recursive: true });
        removed++;
      }
    }
  } catch {
    // OPFS unavailable: nothing there to clear
  }
  for (const db of (await indexedDB.databases?.()) ?? []) {
    if (!db.name || db.name === RUNS_DB) continue;
    await new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase(db.name!);
      r.onsuccess = () => {
        removed++;
        resolve();
      };
      r.onerror = () => resolve();
      r.onblocked = () => {
        blocked.push(db.name!);
        resolve();
      };
    });
  }
  if (blocked.length) return `Cleared ${removed} store(s); ${blocked.join(', ')} is in use and goes when the page reloads.`;
  return removed ? `Cleared ${removed} cached store(s). Saved runs are kept.` : 'Nothing was cached.';
}
