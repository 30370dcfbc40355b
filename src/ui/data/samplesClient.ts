/**
 * The page's side of samples.worker.ts: one lazily started worker, requests answered by id.
 * Returns [] when the source cannot be re-read (an https archive no longer in the cache,
 * files without test_batch.bin).
 */
import { CIFAR_FILES } from '../../core/data/cifarRecords.ts';
import type { DataSource } from '../../protocol/messages.ts';
import type { SamplesRequest, SamplesResponse } from './samples.worker.ts';
import type { Sample } from './testImages.ts';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (r: SamplesResponse) => void>();

function samplesWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./samples.worker.ts', import.meta.url), { type: 'module', name: 'samples' });
    worker.onmessage = (ev: MessageEvent<SamplesResponse>) => {
      waiting.get(ev.data.id)?.(ev.data);
      waiting.delete(ev.data.id);
    };
  }
  return worker;
}

export function requestSamples(source: DataSource, predictions: Uint8Array, testSize: number, seed: number, count: number): Promise<Sample[]> {
  let src: SamplesRequest['source'];
  if (source.kind === 'served') src = { kind: 'served', baseUrl: new URL(source.baseUrl, window.location.href).href };
  else if (source.kind === 'files') {
    const f = source.files.find((x) => x.name === CIFAR_FILES.test);
    if (!f) return Promise.resolve([]);
    src = { kind: 'file', blob: f.blob };
  } else if (source.kind === 'archive') src = { kind: 'archive', blob: source.blob };
  else src = { kind: 'url', url: source.url, origin: window.location.origin };
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, (r) => resolve(r.samples));
    samplesWorker().postMessage({ id, source: src, predictions: predictions.slice(), testSize, seed, count } satisfies SamplesRequest);
  });
}
