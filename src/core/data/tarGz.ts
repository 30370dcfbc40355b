/**
 * Reads the official `cifar-10-binary.tar.gz` from a stream: gunzip with the platform
 * DecompressionStream, walk the tar incrementally and decode each batch's records as they
 * arrive. At any moment this holds one compressed chunk, one decompressed chunk and the
 * records decoded so far, never the archive or the tar. Pure: web-standard streams only.
 */
import { baseName, createDatasetCollector, type AssembleOptions } from './assemble.ts';
import { CIFAR_FILES, CifarFormatError, type CifarDataset } from './cifarRecords.ts';
import { createTarWalker, type TarSink } from './tarWalker.ts';

/** Progress of a streamed read. */
export interface TarGzProgress {
  /** Compressed bytes consumed from the source (compare with the archive's size). */
  compressedBytes: number;
  /** Decompressed tar bytes walked so far. */
  tarBytes: number;
  /** Path of the tar entry being read, null before the first. */
  file: string | null;
}

/** Options for readCifarTarGz. */
export interface ReadTarGzOptions extends AssembleOptions {
  /** Called after each decompressed chunk. */
  onProgress?: (progress: TarGzProgress) => void;
}

/** Turns an error of the decompressor into a CifarFormatError. */
function gzipError(err: unknown, compressedBytes: number): CifarFormatError {
  const detail = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (compressedBytes === 0) {
    return new CifarFormatError('gzip', 'the archive is empty: expected cifar-10-binary.tar.gz');
  }
  if (code === 'Z_BUF_ERROR' || /unexpected end|truncat|end of (the )?(stream|input)/i.test(detail)) {
    return new CifarFormatError(
      'truncated',
      `gzip stream ends early after ${compressedBytes} compressed bytes: the archive is truncated (${detail})`,
    );
  }
  return new CifarFormatError(
    'gzip',
    `not a valid gzip stream (failed after ${compressedBytes} compressed bytes: ${detail}); expected cifar-10-binary.tar.gz`,
  );
}

function textSink(onText: (text: string) => void): TarSink {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    write(b) {
      size += b.length;
      if (size > 4096) throw new CifarFormatError('meta', `${CIFAR_FILES.meta} is over 4096 bytes`, CIFAR_FILES.meta);
      chunks.push(b.slice());
    },
    end() {
      const all = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        all.set(c, at);
        at += c.length;
      }
      onText(new TextDecoder().decode(all));
    },
  };
}

/** Reads `{train, test, meta}` from a stream of the gzipped CIFAR-10 binary tar. */
export async function readCifarTarGz(
  source: ReadableStream<Uint8Array>,
  opts: ReadTarGzOptions = {},
): Promise<CifarDataset> {
  let compressedBytes = 0;
  let tarBytes = 0;
  let file: string | null = null;
  let sourceFailed = false;
  const srcReader = source.getReader();
  const counted = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(ctl) {
      const r = await srcReader.read().catch((e: unknown) => {
        sourceFailed = true; // a read failure of the source is not a format problem
        throw e;
      });
      if (r.done) ctl.close();
      else {
        compressedBytes += r.value.byteLength;
        ctl.enqueue(r.value as Uint8Array<ArrayBuffer>); // streams never carry shared buffers
      }
    },
    cancel: (reason) => srcReader.cancel(reason),
  });
  const reader = counted.pipeThrough(new DecompressionStream('gzip')).getReader();

  const collector = createDatasetCollector(opts);
  const walker = createTarWalker((entry) => {
    file = entry.name;
    const name = baseName(entry.name);
    if (name === CIFAR_FILES.meta) return textSink((t) => collector.setMeta(t));
    return collector.open(name, entry.size);
  });

  try {
    for (;;) {
      const r = await reader.read().catch((e: unknown) => {
        throw sourceFailed ? e : gzipError(e, compressedBytes);
      });
      if (r.done) break;
      walker.push(r.value);
      tarBytes += r.value.byteLength;
      opts.onProgress?.({ compressedBytes, tarBytes, file });
    }
  } catch (e) {
    reader.cancel(e).catch(() => {}); // stop pulling the source; its own error is moot
    throw e;
  }

  const summary = walker.finish();
  const absent = collector.missing();
  if (!summary.endMarker && absent.length > 0) {
    throw new CifarFormatError(
      'truncated',
      `tar archive ends at byte ${summary.tarBytes} without its end marker; missing ${absent.join(', ')}`,
      absent[0],
    );
  }
  return collector.finish();
}

/**
 * The bytes of one file of a gzipped tar, found by base name (e.g. `test_batch.bin`), or null
 * when the archive ends without it. Reading stops as soon as the file is complete (the rest
 * is cancelled, and not checked), so a file early in the archive costs only what precedes it.
 */
export async function readTarGzFile(source: ReadableStream<Uint8Array>, name: string): Promise<Uint8Array | null> {
  let compressedBytes = 0;
  const counted = source.pipeThrough(new TransformStream<Uint8Array, Uint8Array<ArrayBuffer>>({
    transform(chunk, ctl) {
      compressedBytes += chunk.byteLength;
      ctl.enqueue(chunk as Uint8Array<ArrayBuffer>);
    },
  }));
  const reader = counted.pipeThrough(new DecompressionStream('gzip')).getReader();
  let found: Uint8Array | null = null;
  let started = false;
  let done = false;
  const walker = createTarWalker((entry) => {
    if (started || baseName(entry.name) !== name) return null;
    started = true;
    const body = new Uint8Array(entry.size);
    let at = 0;
    return {
      write(b) {
        body.set(b, at);
        at += b.length;
      },
      end() {
        found = body;
        done = true;
      },
    };
  });
  try {
    while (!done) {
      const r = await reader.read().catch((e: unknown) => {
        throw gzipError(e, compressedBytes);
      });
      if (r.done) break;
      walker.push(r.value);
    }
  } finally {
    reader.cancel().catch(() => {}); // the rest of the archive is not needed
  }
  if (started && !done) throw new CifarFormatError('truncated', `the archive ends inside ${name}`, name);
  return found;
}
