/**
 * Test-only: small synthetic CIFAR batch files with known contents. Pure.
 */
import { CIFAR_FILES, CIFAR_IMAGE_BYTES, CIFAR_RECORD_BYTES, metaText } from '../cifarRecords.ts';

/** Pixel byte `j` (0..3071) of record `r` in the synthetic file number `file`. */
export function syntheticPixel(file: number, r: number, j: number): number {
  return (file * 31 + r * 7 + j * 13) % 256;
}

/** A `.bin` file of `records` records, labels (file + r) % 10, pixels from syntheticPixel. */
export function syntheticBatch(file: number, records: number): Uint8Array {
  const out = new Uint8Array(records * CIFAR_RECORD_BYTES);
  for (let r = 0; r < records; r++) {
    out[r * CIFAR_RECORD_BYTES] = (file + r) % 10;
    for (let j = 0; j < CIFAR_IMAGE_BYTES; j++) out[r * CIFAR_RECORD_BYTES + 1 + j] = syntheticPixel(file, r, j);
  }
  return out;
}

/** All six batch files (file numbers 0..5, test last) plus batches.meta.txt, by name. */
export function syntheticFiles(records: number): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  CIFAR_FILES.train.forEach((name, k) => files.set(name, syntheticBatch(k, records)));
  files.set(CIFAR_FILES.test, syntheticBatch(5, records));
  files.set(CIFAR_FILES.meta, new TextEncoder().encode(metaText()));
  return files;
}
