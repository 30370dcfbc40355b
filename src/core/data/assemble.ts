/**
 * Assembles the CIFAR-10 dataset from its files, whatever delivered them: a streamed tar
 * (tarGz.ts) or `.bin` files picked or dropped one by one (assembleCifarFiles).
 *
 * Owns which files make the dataset, where each file's records land (data_batch_k fills
 * train slots (k-1)*10000.. directly, so the train set is never copied once more), and the
 * missing-file check. Pure: no DOM, no Node.
 */
import {
  CIFAR_FILES,
  CIFAR_IMAGE_BYTES,
  CIFAR_RECORDS_PER_FILE,
  CifarFormatError,
  checkBatchSize,
  checkMetaText,
  concatSplits,
  createBatchWriter,
  type BatchWriter,
  type CifarDataset,
  type CifarSplit,
} from './cifarRecords.ts';

/** Options shared by every way of assembling the dataset. */
export interface AssembleOptions {
  /**
   * Records each batch file must hold; 10,000 for the official files (a shorter file is
   * then 'truncated'). null accepts any whole number of records (small synthetic sets).
   */
  recordsPerFile?: number | null;
}

/** Receives files by name and builds the dataset; used by both input paths. */
export interface DatasetCollector {
  /** A writer for batch file `name` (base name) of `byteLength` bytes, or null if not a batch. */
  open(name: string, byteLength: number): BatchWriter | null;
  /** Records the text of batches.meta.txt (checked against CLASS_NAMES). */
  setMeta(text: string): void;
  /** Expected batch files not opened so far. */
  missing(): string[];
  /** The dataset; throws 'missing-file' if a batch file never came. */
  finish(): CifarDataset;
}

/** Last path component: `cifar-10-batches-bin/data_batch_1.bin` -> `data_batch_1.bin`. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

const BATCH_FILES: readonly string[] = [...CIFAR_FILES.train, CIFAR_FILES.test];

/** Creates a collector; see DatasetCollector. */
export function createDatasetCollector(opts: AssembleOptions = {}): DatasetCollector {
  const perFile = opts.recordsPerFile === undefined ? CIFAR_RECORDS_PER_FILE : opts.recordsPerFile;
  const parts = new Map<string, CifarSplit>();
  let trainStore: CifarSplit | null = null; // all five train files, when their size is fixed
  let meta: string | null = null;

  function destination(name: string, records: number): CifarSplit {
    const k = (CIFAR_FILES.train as readonly string[]).indexOf(name);
    if (perFile === null || k < 0) {
      return { images: new Uint8Array(records * CIFAR_IMAGE_BYTES), labels: new Uint8Array(records), count: records };
    }
    if (!trainStore) {
      const n = perFile * CIFAR_FILES.train.length; // allocated on the first train file only
      trainStore = { images: new Uint8Array(n * CIFAR_IMAGE_BYTES), labels: new Uint8Array(n), count: n };
    }
    const first = k * perFile;
    return {
      images: trainStore.images.subarray(first * CIFAR_IMAGE_BYTES, (first + records) * CIFAR_IMAGE_BYTES),
      labels: trainStore.labels.subarray(first, first + records),
      count: records,
    };
  }

  const missing = () => BATCH_FILES.filter((f) => !parts.has(f));

  return {
    open(name, byteLength) {
      if (!BATCH_FILES.includes(name)) return null;
      if (parts.has(name)) throw new CifarFormatError('tar', `${name} appears twice in the input`, name);
      const records = checkBatchSize(name, byteLength, perFile);
      const dest = destination(name, records);
      parts.set(name, dest);
      return createBatchWriter(name, records, dest);
    },
    setMeta(text) {
      checkMetaText(text);
      meta = text;
    },
    missing,
    finish() {
      const absent = missing();
      if (absent.length > 0) {
        const found = [...parts.keys()];
        throw new CifarFormatError(
          'missing-file',
          `CIFAR-10 input is missing ${absent.join(', ')} (found: ${found.length ? found.join(', ') : 'no batch files'})`,
          absent[0],
        );
      }
      const train = trainStore ?? concatSplits(CIFAR_FILES.train.map((f) => parts.get(f)!));
      return { train, test: parts.get(CIFAR_FILES.test)!, meta };
    },
  };
}

/**
 * Builds the dataset from whole files keyed by name (any directory prefix is ignored);
 * other files (readme.html, ...) are skipped.
 */
export function assembleCifarFiles(
  files: ReadonlyMap<string, Uint8Array> | Readonly<Record<string, Uint8Array>>,
  opts: AssembleOptions = {},
): CifarDataset {
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  const collector = createDatasetCollector(opts);
  for (const [path, bytes] of entries) {
    const name = baseName(path);
    if (name === CIFAR_FILES.meta) {
      collector.setMeta(new TextDecoder().decode(bytes));
      continue;
    }
    const writer = collector.open(name, bytes.length);
    if (!writer) continue;
    writer.write(bytes);
    writer.end();
  }
  return collector.finish();
}
