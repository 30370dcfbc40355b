import { describe, expect, it } from 'vitest';
import { createMemoryRepo, trackWrites, type RunsRepo } from './runsRepo.ts';
import type { RunRecord } from '../store/runTypes.ts';

/** A repository whose writes finish only when the test says so. */
function gatedRepo(): { repo: RunsRepo; release: () => void; saved: string[] } {
  const inner = createMemoryRepo();
  const saved: string[] = [];
  let open: () => void = () => {};
  let gate = new Promise<void>((r) => (open = r));
  return {
    saved,
    release: () => {
      open();
      gate = new Promise<void>((r) => (open = r));
    },
    repo: {
      ...inner,
      put: async (r) => {
        await gate;
        saved.push(r.name);
        await inner.put(r);
      },
    },
  };
}

describe('trackWrites', () => {
  it('settles only after every write in flight has landed', async () => {
    const g = gatedRepo();
    const repo = trackWrites(g.repo);
    void repo.put({ id: 'a', name: 'renamed', createdAt: 1 } as RunRecord);
    let settled = false;
    const waiting = repo.settled().then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false);
    expect(g.saved).toEqual([]);
    g.release();
    await waiting;
    expect(settled).toBe(true);
    expect(g.saved).toEqual(['renamed']);
    expect((await repo.list()).map((r) => r.name)).toEqual(['renamed']);
  });

  it('settles at once when nothing is being written, and after a failed write', async () => {
    const failing = trackWrites({ ...createMemoryRepo(), put: async () => Promise.reject(new Error('quota')) });
    await failing.settled();
    await expect(failing.put({ id: 'b', name: 'x', createdAt: 2 } as RunRecord)).rejects.toThrow('quota');
    await failing.settled();
  });
});
