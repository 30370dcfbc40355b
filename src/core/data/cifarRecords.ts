/**
 * CIFAR-10 binary records: the file layout, its validation and the in-memory split type.
 *
 * Owns the one definition of a record (1 label byte + 3072 pixel bytes, R/G/B planes of
 * 32x32 row-major), the official file names and class names, and the typed error every
 * data path throws. Pure: imports nothing, so it runs in Node, a worker or a page.
 */

/** Side of a CIFAR image, in pixels. */
export const CIFAR_SIDE = 32;
/** Pixel bytes per image: 3 planes (R, G, B) of 32x32. */
export const CIFAR_IMAGE_BYTES = 3 * CIFAR_SIDE * CIFAR_SIDE;
/** Bytes per record in a `.bin` batch: 1 label byte followed by the image. */
export const CIFAR_RECORD_BYTES = 1 + CIFAR_IMAGE_BYTES;
/** Records in each official batch file (5 train batches, 1 test batch). */
export const CIFAR_RECORDS_PER_FILE = 10_000;
/** Number of classes; labels are 0..9. */
export const CIFAR_NUM_CLASSES = 10;

/** Official file names inside `cifar-10-batches-bin/`, train batches in concatenation order. */
export const CIFAR_FILES = {
  train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
  test: 'test_batch.bin',
  meta: 'batches.meta.txt',
} as const;

/** Class names indexed by label, in the order of `batches.meta.txt`. */
export const CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
] as const;

/** A set of labelled images as stored in the files. */
export interface CifarSplit {
  /** `count * 3072` bytes; per image the R, G, B planes of 32x32 pixels, row-major, 0..255. */
  images: Uint8Array;
  /** `count` labels, each 0..9 (index into CLASS_NAMES). */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
}

/** The full dataset: 50,000 training and 10,000 test images for the official files. */
export interface CifarDataset {
  train: CifarSplit;
  test: CifarSplit;
  /** Text of `batches.meta.txt` when the source had it (already checked against CLASS_NAMES). */
  meta: string | null;
}

/** What went wrong, so a UI or a test can tell the cases apart without reading messages. */
export type CifarErrorCode =
  | 'size' // a file's length is not a whole number of records, or not the expected length
  | 'label' // a label byte outside 0..9
  | 'missing-file' // an expected batch file is absent
  | 'gzip' // the compressed stream is not valid gzip
  | 'tar' // a tar header is malformed or an entry is duplicated
  | 'truncated' // the input ends before the data it announced
  | 'meta' // batches.meta.txt does not list the CIFAR-10 classes
  | 'checksum' // a digest does not match the one recorded for the file
  | 'manifest'; // a data manifest.json is malformed

/** Error thrown for any malformed CIFAR input; `file` names the offending file when known. */
export class CifarFormatError extends Error {
  override readonly name = 'CifarFormatError';
  constructor(
    readonly code: CifarErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}

/** Incremental writer of one batch file's records into preallocated arrays. */
export interface BatchWriter {
  /** Feeds the next bytes of the file, in order; validates labels as they arrive. */
  write(bytes: Uint8Array): void;
  /** Checks that exactly the announced number of bytes arrived. */
  end(): void;
}

/**
 * Returns a writer that decodes `records` records of file `name` into `images`/`labels`
 * starting at record slot `first`. Used both for whole files and for streamed tar entries.
 */
export function createBatchWriter(
  name: string,
  records: number,
  dest: { images: Uint8Array; labels: Uint8Array },
  first = 0,
): BatchWriter {
  const total = records * CIFAR_RECORD_BYTES;
  let pos = 0; // bytes of this file consumed so far
  return {
    write(bytes) {
      if (pos + bytes.length > total) {
        throw new CifarFormatError('size', `${name}: more than the announced ${total} bytes`, name);
      }
      let p = 0;
      while (p < bytes.length) {
        const r = Math.floor(pos / CIFAR_RECORD_BYTES);
        const o = pos - r * CIFAR_RECORD_BYTES;
        if (o === 0) {
          const label = bytes[p];
          if (label >= CIFAR_NUM_CLASSES) {
            throw new CifarFormatError(
              'label',
              `${name}: record ${r} has label ${label}; CIFAR-10 labels are 0-9`,
              name,
            );
          }
          dest.labels[first + r] = label;
          p++;
          pos++;
          continue;
        }
        const n = Math.min(CIFAR_RECORD_BYTES - o, bytes.length - p);
        dest.images.set(bytes.subarray(p, p + n), (first + r) * CIFAR_IMAGE_BYTES + o - 1);
        p += n;
        pos += n;
      }
    },
    end() {
      if (pos !== total) {
        throw new CifarFormatError(
          'truncated',
          `${name} is truncated: got ${pos} of ${total} bytes (${records} records)`,
          name,
        );
      }
    },
  };
}

/**
 * Checks a batch file's length and returns its record count. With `expectedRecords`
 * (10,000 for the official files) a shorter file is 'truncated' and any other length 'size'.
 */
export function checkBatchSize(name: string, byteLength: number, expectedRecords?: number | null): number {
  if (expectedRecords != null) {
    const want = expectedRecords * CIFAR_RECORD_BYTES;
    if (byteLength < want) {
      throw new CifarFormatError(
        'truncated',
        `${name} is truncated: ${byteLength} bytes, expected ${want} (${expectedRecords} records of ${CIFAR_RECORD_BYTES} bytes)`,
        name,
      );
    }
    if (byteLength > want) {
      throw new CifarFormatError(
        'size',
        `${name} has ${byteLength} bytes, expected ${want} (${expectedRecords} records of ${CIFAR_RECORD_BYTES} bytes)`,
        name,
      );
    }
  }
  if (byteLength === 0 || byteLength % CIFAR_RECORD_BYTES !== 0) {
    throw new CifarFormatError(
      'size',
      `${name} has ${byteLength} bytes, which is not a positive multiple of the ${CIFAR_RECORD_BYTES}-byte record (1 label + 3072 pixels)`,
      name,
    );
  }
  return byteLength / CIFAR_RECORD_BYTES;
}

/** Parses one `.bin` batch into a new split; see checkBatchSize for `expectedRecords`. */
export function parseCifarBatch(name: string, bytes: Uint8Array, expectedRecords?: number | null): CifarSplit {
  const count = checkBatchSize(name, bytes.length, expectedRecords);
  const split = { images: new Uint8Array(count * CIFAR_IMAGE_BYTES), labels: new Uint8Array(count), count };
  const writer = createBatchWriter(name, count, split);
  writer.write(bytes);
  writer.end();
  return split;
}

/** Serialises images `start..start+count` of a split back to the `.bin` layout. */
export function encodeCifarBatch(split: CifarSplit, start = 0, count = split.count - start): Uint8Array {
  if (start < 0 || count < 0 || start + count > split.count) {
    throw new RangeError(`encodeCifarBatch: range ${start}+${count} outside split of ${split.count}`);
  }
  const out = new Uint8Array(count * CIFAR_RECORD_BYTES);
  for (let i = 0; i < count; i++) {
    const o = i * CIFAR_RECORD_BYTES;
    out[o] = split.labels[start + i];
    const src = (start + i) * CIFAR_IMAGE_BYTES;
    out.set(split.images.subarray(src, src + CIFAR_IMAGE_BYTES), o + 1);
  }
  return out;
}

/** Concatenates splits in order into one new split. */
export function concatSplits(parts: readonly CifarSplit[]): CifarSplit {
  const count = parts.reduce((n, s) => n + s.count, 0);
  const images = new Uint8Array(count * CIFAR_IMAGE_BYTES);
  const labels = new Uint8Array(count);
  let at = 0;
  for (const s of parts) {
    images.set(s.images.subarray(0, s.count * CIFAR_IMAGE_BYTES), at * CIFAR_IMAGE_BYTES);
    labels.set(s.labels.subarray(0, s.count), at);
    at += s.count;
  }
  return { images, labels, count };
}

/** Number of images of each class, indexed by label. */
export function classCounts(labels: Uint8Array): number[] {
  const counts = new Array<number>(CIFAR_NUM_CLASSES).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  return counts;
}

/** Checks that `batches.meta.txt` lists CLASS_NAMES in order (blank lines ignored). */
export function checkMetaText(text: string, file: string = CIFAR_FILES.meta): void {
  const names = text.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
  if (names.length !== CLASS_NAMES.length || names.some((n, i) => n !== CLASS_NAMES[i])) {
    throw new CifarFormatError(
      'meta',
      `${file} lists [${names.join(', ')}]; expected the CIFAR-10 classes [${CLASS_NAMES.join(', ')}]`,
      file,
    );
  }
}

/** The canonical text of `batches.meta.txt` (one class per line). */
export function metaText(): string {
  return CLASS_NAMES.join('\n') + '\n';
}
