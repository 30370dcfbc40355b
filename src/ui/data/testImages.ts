/**
 * The test images behind the results panel's samples. The worker holds the dataset; the page
 * reads just the test batch again from the same source when it can (served files: one
 * cached GET; picked .bin files: the File) and picks the subset with the engine's own
 * seeded rule, so image i lines up with prediction i. Archives and URLs are not re-read.
 */
import { CIFAR_FILES, parseCifarBatch, type CifarSplit } from '../../core/data/cifarRecords.ts';
import { selectBalancedSubset } from '../../core/data/subset.ts';
import type { DataSource } from '../../protocol/messages.ts';

const cache = new Map<DataSource, Promise<CifarSplit | null>>();

async function read(source: DataSource): Promise<CifarSplit | null> {
  if (source.kind === 'served') {
    const res = await fetch(new URL(CIFAR_FILES.test, new URL(source.baseUrl, window.location.href)));
    if (!res.ok) throw new Error(`GET ${CIFAR_FILES.test}: ${res.status}`);
    return parseCifarBatch(CIFAR_FILES.test, new Uint8Array(await res.arrayBuffer()));
  }
  if (source.kind === 'files') {
    const f = source.files.find((x) => x.name === CIFAR_FILES.test);
    return f ? parseCifarBatch(f.name, new Uint8Array(await f.blob.arrayBuffer())) : null;
  }
  return null;
}

export function loadTestSplit(source: DataSource): Promise<CifarSplit | null> {
  let p = cache.get(source);
  if (!p) {
    p = read(source).catch(() => null);
    cache.set(source, p);
  }
  return p;
}

export interface Sample {
  /** Index in the test split. */
  index: number;
  image: Uint8Array;
  label: number;
  predicted: number;
}

/** `count` samples spread evenly over the test subset, with the predictions for them. */
export function pickSamples(test: CifarSplit, predictions: Uint8Array, testSize: number, seed: number, count: number): Sample[] {
  if (testSize > test.count || predictions.length !== testSize) return [];
  const subset = selectBalancedSubset(test.labels, testSize, seed);
  const n = Math.min(count, subset.length);
  return Array.from({ length: n }, (_, k) => {
    const pos = Math.floor((k * subset.length) / n);
    const index = subset[pos];
    return { index, image: test.images.subarray(index * 3072, (index + 1) * 3072), label: test.labels[index], predicted: predictions[pos] };
  });
}
