/**
 * The batcher the trainer calls every step: seeded epoch order, and filling a preallocated
 * NHWC Float32Array from the uint8 CHW records with normalisation and optional augmentation
 * (RandomCrop(32, padding=4) then RandomHorizontalFlip, as torchvision applies them to the
 * [0,1] tensor before Normalize, so a padded pixel is (0 - mean) / std).
 *
 * Allocation-free per batch: normalisation goes through a 3x256 lookup table that is
 * rebuilt only when mean/std change. Pure: imports only the RNG and record constants.
 */
import { CIFAR_IMAGE_BYTES, CIFAR_SIDE, type CifarSplit } from './cifarRecords.ts';
import { createRng, permutation, type Rng } from '../rng.ts';

/** Zero padding on each side before the random 32x32 crop, in pixels. */
export const CROP_PADDING = 4;
const S = CIFAR_SIDE;
const PLANE = S * S;

/** How fillBatch turns bytes into network inputs. */
export interface FillOptions {
  /** Apply random crop (padding 4) and horizontal flip (p = 0.5). */
  augment: boolean;
  /** Source of the crop offsets and flips; required when `augment`. */
  rng?: Rng;
  /** Per-channel (R, G, B) mean of the [0,1] pixels, subtracted. */
  mean: readonly [number, number, number];
  /** Per-channel (R, G, B) standard deviation of the [0,1] pixels, divided by. */
  std: readonly [number, number, number];
}

/** Order of the `count` training examples in epoch `epoch` (0-based) for run `seed`. */
export function epochOrder(count: number, seed: number, epoch: number): Uint32Array {
  return permutation(count, createRng(seed, `data-order/epoch${epoch}`));
}

const lut = new Float32Array(3 * 256);
const lutPad = new Float32Array(3);
const lutKey = [NaN, NaN, NaN, NaN, NaN, NaN];

function prepareLut(mean: FillOptions['mean'], std: FillOptions['std']): void {
  if (lutKey.every((v, i) => v === (i < 3 ? mean[i] : std[i - 3]))) return;
  for (let c = 0; c < 3; c++) {
    if (!(std[c] > 0)) throw new RangeError(`fillBatch: std[${c}] must be > 0, got ${std[c]}`);
    for (let p = 0; p < 256; p++) lut[c * 256 + p] = (p / 255 - mean[c]) / std[c];
    lutPad[c] = (0 - mean[c]) / std[c];
    lutKey[c] = mean[c];
    lutKey[c + 3] = std[c];
  }
}

/** Writes image `src` unchanged (normalised only) at NHWC offset `o`. */
function copyPlain(images: Uint8Array, src: number, out: Float32Array, o: number): void {
  for (let i = 0; i < PLANE; i++, o += 3) {
    out[o] = lut[images[src + i]];
    out[o + 1] = lut[256 + images[src + PLANE + i]];
    out[o + 2] = lut[512 + images[src + 2 * PLANE + i]];
  }
}

/**
 * Writes the crop of the padded image whose top-left corner is (`top`, `left`) in padded
 * coordinates (0..8), mirrored left-right when `flip`.
 */
function copyCropped(
  images: Uint8Array, src: number, out: Float32Array, o: number, top: number, left: number, flip: boolean,
): void {
  const p0 = lutPad[0], p1 = lutPad[1], p2 = lutPad[2];
  for (let y = 0; y < S; y++) {
    const sy = y + top - CROP_PADDING;
    const rowInside = sy >= 0 && sy < S;
    for (let x = 0; x < S; x++, o += 3) {
      const sx = (flip ? S - 1 - x : x) + left - CROP_PADDING;
      if (rowInside && sx >= 0 && sx < S) {
        const i = src + sy * S + sx;
        out[o] = lut[images[i]];
        out[o + 1] = lut[256 + images[i + PLANE]];
        out[o + 2] = lut[512 + images[i + 2 * PLANE]];
      } else {
        out[o] = p0;
        out[o + 1] = p1;
        out[o + 2] = p2;
      }
    }
  }
}

/**
 * Fills `out` (NHWC, at least indices.length*32*32*3) with images `indices` of `split`.
 * With augment, draws per image, in this order: top = rng.int(9), left = rng.int(9),
 * flip = rng.uniform() < 0.5.
 */
export function fillBatch(split: CifarSplit, indices: ArrayLike<number>, out: Float32Array, opts: FillOptions): void {
  const n = indices.length;
  if (out.length < n * CIFAR_IMAGE_BYTES) {
    throw new RangeError(`fillBatch: out holds ${out.length} floats, needs ${n * CIFAR_IMAGE_BYTES} for ${n} images`);
  }
  if (opts.augment && !opts.rng) throw new Error('fillBatch: augment needs opts.rng');
  prepareLut(opts.mean, opts.std);
  const span = 2 * CROP_PADDING + 1;
  for (let b = 0; b < n; b++) {
    const idx = indices[b];
    if (!(idx >= 0 && idx < split.count)) throw new RangeError(`fillBatch: index ${idx} outside 0..${split.count - 1}`);
    const src = idx * CIFAR_IMAGE_BYTES;
    const o = b * CIFAR_IMAGE_BYTES;
    if (opts.augment) {
      const rng = opts.rng!;
      const top = rng.int(span);
      const left = rng.int(span);
      const flip = rng.uniform() < 0.5;
      copyCropped(split.images, src, out, o, top, left, flip);
    } else {
      copyPlain(split.images, src, out, o);
    }
  }
}

/** Writes the labels of `indices` into `out` (length >= indices.length). */
export function labelsFor(split: CifarSplit, indices: ArrayLike<number>, out: Int32Array): void {
  if (out.length < indices.length) {
    throw new RangeError(`labelsFor: out holds ${out.length} labels, needs ${indices.length}`);
  }
  for (let i = 0; i < indices.length; i++) out[i] = split.labels[indices[i]];
}
