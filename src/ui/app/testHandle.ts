/**
 * The typed handle e2e tests read on `window.__bnlab`: the store's state and a few helpers.
 * Tests use it to wait for conditions (steps recorded, run finished) instead of sleeping;
 * they still click through the UI for everything a user does.
 */
import type { LabState, LabStore } from '../store/index.ts';

export interface BnLabTestHandle {
  /** Current store state (a snapshot). */
  state(): LabState;
  /** Number of points in each series of the current run. */
  counts(): { steps: number; evals: number; bn: number };
  /** The current run's latest test accuracy, or null. */
  testAccuracy(): number | null;
  /** Test hook: the worker behaves as if the WebGPU device were lost (the worker e2e drives this). */
  simulateDeviceLoss(): void;
  /** Resolves when every run/checkpoint write started so far has reached IndexedDB. */
  savesSettled(): Promise<void>;
}

declare global {
  interface Window {
    __bnlab?: BnLabTestHandle;
  }
}

export function installTestHandle(store: LabStore, client: { simulateDeviceLoss(): void }, repo: { settled(): Promise<void> }): void {
  window.__bnlab = {
    state: () => store.getState(),
    counts: () => {
      const r = store.getState().run;
      return { steps: r?.steps.length ?? 0, evals: r?.evals.length ?? 0, bn: r?.bn.length ?? 0 };
    },
    testAccuracy: () => store.getState().run?.results?.testAccuracy ?? null,
    simulateDeviceLoss: () => client.simulateDeviceLoss(),
    savesSettled: () => repo.settled(),
  };
}
