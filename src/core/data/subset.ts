/**
 * Deterministic class-balanced subsets of a split, chosen by the seed.
 *
 * Each class's indices are shuffled once by a seeded stream and the first k of each are
 * kept, so for one seed a smaller subset is contained in a larger one. When `size` is not a
 * multiple of 10, the remainder r goes one extra image to each of r classes picked by the
 * same seed. Pure: imports only the RNG and record constants.
 */
import { CIFAR_NUM_CLASSES } from './cifarRecords.ts';
import { createRng, permutation } from '../rng.ts';

/** Images per class in a balanced subset of `size`: floor(size/10), +1 for `extra` classes. */
export function perClassQuota(size: number, seed: number): number[] {
  const base = Math.floor(size / CIFAR_NUM_CLASSES);
  const extra = size - base * CIFAR_NUM_CLASSES;
  const order = permutation(CIFAR_NUM_CLASSES, createRng(seed, 'subset/classes'));
  const quota = new Array<number>(CIFAR_NUM_CLASSES).fill(base);
  for (let i = 0; i < extra; i++) quota[order[i]]++;
  return quota;
}

/**
 * Indices (ascending) of a class-balanced subset of `size` images of `labels`.
 * `size === labels.length` returns every index. Same seed, same subset.
 */
export function selectBalancedSubset(labels: Uint8Array, size: number, seed: number): Uint32Array {
  const n = labels.length;
  if (!Number.isInteger(size) || size < 1 || size > n) {
    throw new RangeError(`subset size must be an integer in 1..${n}, got ${size}`);
  }
  if (size === n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const byClass: number[][] = Array.from({ length: CIFAR_NUM_CLASSES }, () => []);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (c >= CIFAR_NUM_CLASSES) throw new RangeError(`label ${c} at index ${i} is outside 0..9`);
    byClass[c].push(i);
  }
  const quota = perClassQuota(size, seed);
  const out = new Uint32Array(size);
  let at = 0;
  for (let c = 0; c < CIFAR_NUM_CLASSES; c++) {
    const members = byClass[c];
    if (quota[c] > members.length) {
      throw new RangeError(
        `subset size ${size} needs ${quota[c]} images of class ${c} but the split has only ${members.length}`,
      );
    }
    const order = permutation(members.length, createRng(seed, `subset/class${c}`));
    for (let j = 0; j < quota[c]; j++) out[at++] = members[order[j]];
  }
  return out.sort();
}
