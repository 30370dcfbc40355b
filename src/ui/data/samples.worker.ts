/**
 * A small worker (no tfjs) that reads the test batch for the sample images, so the download
 * and its parsing never block the page. The training worker holds the dataset but the
 * protocol does not carry images; this re-reads the same source: served files (one GET, from
 * the HTTP cache after the first), a picked test_batch.bin, a picked archive, or an https
 * archive's copy in Cache Storage (kept there by the training worker once it parsed). From an
 * archive only test_batch.bin is decompressed, and reading stops after it.
 */
import { CIFAR_FILES } from '../../core/data/cifarRecords.ts';
import { readTarGzFile } from '../../core/data/tarGz.ts';
import { DATA_CACHE_NAME, urlArchiveKey } from '../../protocol/dataCacheKeys.ts';
import { pickSamples, readRecords, type Sample, type TestRecords } from './testImages.ts';

/** What the page asks. `source` is a served base URL (absolute) or the picked test file. */
export interface SamplesRequest {
  id: number;
  source:
    | { kind: 'served'; baseUrl: string }
    | { kind: 'file'; blob: Blob }
    | { kind: 'archive'; blob: Blob }
    /** An https archive; read only from the training worker's cached copy. */
    | { kind: 'url'; url: string; origin: string };
  predictions: Uint8Array;
  testSize: number;
  seed: number;
  count: number;
}

export interface SamplesResponse {
  id: number;
  samples: Sample[];
  error?: string;
}

let cached: { key: unknown; records: Promise<TestRecords | null> } | null = null;

async function read(source: SamplesRequest['source']): Promise<TestRecords | null> {
  if (source.kind === 'served') {
    const res = await fetch(new URL(CIFAR_FILES.test, source.baseUrl));
    if (!res.ok) throw new Error(`GET ${CIFAR_FILES.test}: ${res.status} ${res.statusText}`);
    return readRecords(new Uint8Array(await res.arrayBuffer()));
  }
  if (source.kind === 'file') return readRecords(new Uint8Array(await source.blob.arrayBuffer()));
  const stream = source.kind === 'archive' ? source.blob.stream() : await cachedArchive(source.url, source.origin);
  const test = stream ? await readTarGzFile(stream, CIFAR_FILES.test) : null;
  return test ? readRecords(test) : null;
}

async function cachedArchive(url: string, origin: string): Promise<ReadableStream<Uint8Array> | null> {
  if (typeof caches === 'undefined') return null;
  const hit = await (await caches.open(DATA_CACHE_NAME)).match(urlArchiveKey(url, origin));
  return hit?.body ?? null;
}

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<SamplesRequest>) => void) | null;
  postMessage(message: SamplesResponse, transfer: Transferable[]): void;
};

scope.onmessage = async (ev) => {
  const r = ev.data;
  const src = r.source;
  const key = src.kind === 'served' ? src.baseUrl : src.kind === 'url' ? src.url : src.blob;
  if (cached?.key !== key) cached = { key, records: read(r.source) };
  try {
    const records = await cached.records;
    // An https archive not cached yet may be by the next request (after its load finished).
    if (!records && src.kind === 'url') cached = null;
    // Copies: the response owns its images and transfers them.
    const samples = records ? pickSamples(records, r.predictions, r.testSize, r.seed, r.count).map((s) => ({ ...s, image: s.image.slice() })) : [];
    scope.postMessage({ id: r.id, samples }, samples.map((s) => s.image.buffer));
  } catch (e) {
    cached = null;
    scope.postMessage({ id: r.id, samples: [], error: (e as Error).message }, []);
  }
};
