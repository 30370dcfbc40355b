/**
 * The test images behind the results panel's samples, as pure functions: read a test batch's
 * records in place (labels in one pass, images as views, nothing copied) and pick samples
 * with the engine's own seeded subset rule, so image i lines up with prediction i.
 * samples.worker.ts runs them off the main thread; nothing here touches the DOM.
 */
import { CIFAR_IMAGE_BYTES, CIFAR_NUM_CLASSES, CIFAR_RECORD_BYTES } from '../../core/data/cifarRecords.ts';
import { selectBalancedSubset } from '../../core/data/subset.ts';

/** A batch file as records: labels extracted, images left where they are. */
export interface TestRecords {
  bytes: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Labels of a `.bin` batch; null when the bytes are not whole, valid records. */
export function readRecords(bytes: Uint8Array): TestRecords | null {
  if (bytes.length === 0 || bytes.length % CIFAR_RECORD_BYTES !== 0) return null;
  const count = bytes.length / CIFAR_RECORD_BYTES;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const l = bytes[i * CIFAR_RECORD_BYTES];
    if (l >= CIFAR_NUM_CLASSES) return null;
    labels[i] = l;
  }
  return { bytes, labels, count };
}

/** Image `i` (R, G, B planes of 32×32) as a view into the file. */
export function imageAt(r: TestRecords, i: number): Uint8Array {
  const at = i * CIFAR_RECORD_BYTES + 1;
  return r.bytes.subarray(at, at + CIFAR_IMAGE_BYTES);
}

export interface Sample {
  /** Index in the test split. */
  index: number;
  image: Uint8Array;
  label: number;
  predicted: number;
}

/** `count` samples spread evenly over the test subset, with the predictions for them. */
export function pickSamples(test: TestRecords, predictions: Uint8Array, testSize: number, seed: number, count: number): Sample[] {
  if (testSize > test.count || predictions.length !== testSize) return [];
  const subset = selectBalancedSubset(test.labels, testSize, seed);
  const n = Math.min(count, subset.length);
  return Array.from({ length: n }, (_, k) => {
    const pos = Math.floor((k * subset.length) / n);
    const index = subset[pos];
    return { index, image: imageAt(test, index), label: test.labels[index], predicted: predictions[pos] };
  });
}
