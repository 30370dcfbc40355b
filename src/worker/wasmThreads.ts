/**
 * How many threads the wasm backend's XNNPACK pool gets. tfjs sizes it at half of
 * navigator.hardwareConcurrency (assuming two hardware threads per core), at most 8 — so a
 * 2-core machine trains on one core while the other idles. Small machines get every logical
 * core (up to 4: measured here, ResNet-14 BN-only batch 128 went from 237 to 291 images/s with
 * 2 threads); larger ones keep tfjs's choice, which leaves room for the page and the system.
 * Pure: no navigator.
 */
export const MAX_WASM_THREADS = 8;

export function wasmThreadCount(logicalCores: number): number {
  const cores = Number.isFinite(logicalCores) && logicalCores >= 1 ? Math.floor(logicalCores) : 1;
  return Math.min(MAX_WASM_THREADS, Math.max(Math.floor(cores / 2), Math.min(cores, 4)));
}

/**
 * The hardwareConcurrency tfjs must read for its cap (half of it) to allow `threads`: tfjs
 * takes min(requested, floor(reported / 2)).
 */
export function reportedConcurrencyFor(threads: number): number {
  return 2 * threads;
}
