/**
 * Test-only: random images for tests of mechanics (bit-identity, tensor counts), where
 * what the pixels show does not matter. Learning is tested on real CIFAR-10 only.
 */
import type { CifarSplit } from '../data/cifarRecords.ts';
import { createRng } from '../rng.ts';

export function randomSplit(count: number, seed: number): CifarSplit {
  const rng = createRng(seed, 'test-split');
  const images = new Uint8Array(count * 3072);
  for (let i = 0; i < images.length; i++) images[i] = rng.nextU32() & 255;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % 10;
  return { images, labels, count };
}
