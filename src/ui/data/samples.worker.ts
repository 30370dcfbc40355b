/**
 * A small worker (no tfjs) that reads the test batch for the sample images, so the 30 MB
 * download and its parsing never block the page. The training worker holds the dataset but
 * the protocol does not carry images; this re-reads the same source: served files (one GET,
 * from the HTTP cache after the first) or a picked test_batch.bin. Archives and URLs are
 * not re-read (no samples then).
 */
import { CIFAR_FILES } from '../../core/data/cifarRecords.ts';
import { pickSamples, readRecords, type Sample, type TestRecords } from './testImages.ts';

/** What the page asks. `source` is a served base URL (absolute) or the picked test file. */
export interface SamplesRequest {
  id: number;
  source: { kind: 'served'; baseUrl: string } | { kind: 'file'; blob: Blob };
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
  return readRecords(new Uint8Array(await source.blob.arrayBuffer()));
}

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<SamplesRequest>) => void) | null;
  postMessage(message: SamplesResponse, transfer: Transferable[]): void;
};

scope.onmessage = async (ev) => {
  const r = ev.data;
  const key = r.source.kind === 'served' ? r.source.baseUrl : r.source.blob;
  if (cached?.key !== key) cached = { key, records: read(r.source) };
  try {
    const records = await cached.records;
    // Copies: the response owns its images and transfers them.
    const samples = records ? pickSamples(records, r.predictions, r.testSize, r.seed, r.count).map((s) => ({ ...s, image: s.image.slice() })) : [];
    scope.postMessage({ id: r.id, samples }, samples.map((s) => s.image.buffer));
  } catch (e) {
    cached = null;
    scope.postMessage({ id: r.id, samples: [], error: (e as Error).message }, []);
  }
};
