/**
 * Runs in IndexedDB: database `bn-lab-runs`, store `runs` (records, keyed by id) and store
 * `checkpoints` (the latest checkpoint bytes of each run). Survives a reload. Each call opens
 * its own short transaction; failures reject with the browser's message.
 */
import type { RunRecord } from '../store/runTypes.ts';
import type { RunsRepo, StoredCheckpoint } from './runsRepo.ts';

const DB_NAME = 'bn-lab-runs';
const DB_VERSION = 1;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB_NAME, DB_VERSION);
  r.onupgradeneeded = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
    if (!db.objectStoreNames.contains('checkpoints')) db.createObjectStore('checkpoints', { keyPath: 'id' });
  };
  return request(r);
}

export function createIndexedDbRepo(): RunsRepo {
  let dbp: Promise<IDBDatabase> | null = null;
  const db = () => (dbp ??= open());
  const tx = async (stores: string[], mode: IDBTransactionMode) => (await db()).transaction(stores, mode);
  const done = (t: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    });
  return {
    async list() {
      const all = await request((await tx(['runs'], 'readonly')).objectStore('runs').getAll() as IDBRequest<RunRecord[]>);
      return all.sort((a, b) => b.createdAt - a.createdAt);
    },
    async put(run) {
      const t = await tx(['runs'], 'readwrite');
      t.objectStore('runs').put(run);
      await done(t);
    },
    async delete(id) {
      const t = await tx(['runs', 'checkpoints'], 'readwrite');
      t.objectStore('runs').delete(id);
      t.objectStore('checkpoints').delete(id);
      await done(t);
    },
    async putCheckpoint(c) {
      const t = await tx(['checkpoints'], 'readwrite');
      t.objectStore('checkpoints').put(c);
      await done(t);
    },
    async getCheckpoint(id) {
      const c = await request((await tx(['checkpoints'], 'readonly')).objectStore('checkpoints').get(id) as IDBRequest<StoredCheckpoint | undefined>);
      return c ?? null;
    },
  };
}
