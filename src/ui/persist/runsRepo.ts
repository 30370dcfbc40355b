/**
 * Where runs and their latest checkpoint are kept. The store talks to this interface; the
 * page uses IndexedDB (runsDb.ts), tests an in-memory map. Types and the memory version only.
 */
import type { RunRecord } from '../store/runTypes.ts';

export interface StoredCheckpoint {
  /** Run record id. */
  id: string;
  step: number;
  bytes: Uint8Array;
}

export interface RunsRepo {
  /** Every saved run, newest first. */
  list(): Promise<RunRecord[]>;
  put(run: RunRecord): Promise<void>;
  /** Deletes the run and its checkpoint. */
  delete(id: string): Promise<void>;
  putCheckpoint(c: StoredCheckpoint): Promise<void>;
  getCheckpoint(id: string): Promise<StoredCheckpoint | null>;
}

export function createMemoryRepo(): RunsRepo {
  const runs = new Map<string, RunRecord>();
  const ckpts = new Map<string, StoredCheckpoint>();
  return {
    list: async () => [...runs.values()].sort((a, b) => b.createdAt - a.createdAt),
    put: async (r) => void runs.set(r.id, structuredClone(r)),
    delete: async (id) => {
      runs.delete(id);
      ckpts.delete(id);
    },
    putCheckpoint: async (c) => void ckpts.set(c.id, c),
    getCheckpoint: async (id) => ckpts.get(id) ?? null,
  };
}

/** A repository that knows whether its writes have all landed. */
export interface TrackedRepo extends RunsRepo {
  /** Resolves once every write started so far has finished (or failed). */
  settled(): Promise<void>;
}

/**
 * Wraps a repository so that callers can wait for its writes: a rename followed at once by
 * a reload would otherwise race the IndexedDB transaction (the e2e tests wait on this).
 */
export function trackWrites(repo: RunsRepo): TrackedRepo {
  const inFlight = new Set<Promise<unknown>>();
  const track = <A extends unknown[]>(f: (...a: A) => Promise<void>) => (...a: A): Promise<void> => {
    const p = f(...a);
    inFlight.add(p);
    const done = () => void inFlight.delete(p);
    p.then(done, done);
    return p;
  };
  return {
    list: () => repo.list(),
    getCheckpoint: (id) => repo.getCheckpoint(id),
    put: track((r: RunRecord) => repo.put(r)),
    delete: track((id: string) => repo.delete(id)),
    putCheckpoint: track((c: StoredCheckpoint) => repo.putCheckpoint(c)),
    settled: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
  };
}
