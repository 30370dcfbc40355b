/**
 * The page's store instance and its React hook. Created once by `bootLab` with the real
 * worker client and IndexedDB; components read it through `useLab(selector)` with narrow
 * selectors (`useShallow` for several fields) so a step event re-renders only the charts.
 */
import { useStore } from 'zustand';
import type { LabState, LabStore } from '../store/index.ts';

let store: LabStore | null = null;

export function setLabStore(s: LabStore): void {
  store = s;
}

export function labStore(): LabStore {
  if (!store) throw new Error('the lab store is used before bootLab() created it');
  return store;
}

export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(labStore(), selector);
}
