/**
 * Per-channel statistics of CIFAR pixels, for input normalisation.
 *
 * Owns the reference mean/std of the CIFAR-10 training set (checked against the real files
 * in cifar10.real.test.ts) and the function that computes them. Pure.
 */
import { CIFAR_IMAGE_BYTES, type CifarSplit } from './cifarRecords.ts';

/** Per-channel (R, G, B) mean of the 50,000 training images, pixels scaled to [0,1]. */
export const CIFAR10_MEAN: readonly [number, number, number] = [0.4914, 0.4822, 0.4465];
/** Per-channel (R, G, B) population std of the training images, pixels scaled to [0,1]. */
export const CIFAR10_STD: readonly [number, number, number] = [0.247, 0.2435, 0.2616];

/** Mean and standard deviation per channel of a split's pixels, in [0,1] units. */
export interface ChannelStats {
  mean: [number, number, number];
  std: [number, number, number];
}

/** Computes per-channel mean and population std over all pixels of `split`. */
export function channelStats(split: CifarSplit): ChannelStats {
  const plane = CIFAR_IMAGE_BYTES / 3;
  const mean: [number, number, number] = [0, 0, 0];
  const std: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const hist = new Float64Array(256); // exact counts, then moments from the histogram
    for (let i = 0; i < split.count; i++) {
      const base = i * CIFAR_IMAGE_BYTES + c * plane;
      for (let j = 0; j < plane; j++) hist[split.images[base + j]]++;
    }
    let n = 0, s = 0, s2 = 0;
    for (let p = 0; p < 256; p++) {
      const v = p / 255;
      n += hist[p];
      s += hist[p] * v;
      s2 += hist[p] * v * v;
    }
    mean[c] = s / n;
    std[c] = Math.sqrt(Math.max(0, s2 / n - mean[c] * mean[c]));
  }
  return { mean, std };
}
