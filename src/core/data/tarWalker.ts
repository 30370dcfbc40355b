/**
 * Incremental reader of a tar stream (ustar, GNU and pax flavours): takes chunks of any
 * size, parses 512-byte headers and hands each entry's body to a sink as it arrives, so no
 * entry is ever buffered whole here. Knows nothing about CIFAR. Pure: imports only the
 * error type.
 */
import { CifarFormatError } from './cifarRecords.ts';

const BLOCK = 512;
/** Largest GNU long-name / pax header body we accept, in bytes. */
const MAX_META_ENTRY = 64 * 1024;

/** One entry announced by a tar header. */
export interface TarEntry {
  /** Full path inside the archive, e.g. `cifar-10-batches-bin/data_batch_1.bin`. */
  name: string;
  /** Size of the body in bytes. */
  size: number;
  /** ustar typeflag: '0' file, '5' directory, ... */
  type: string;
}

/** Receiver of one entry's body, fed in order. */
export interface TarSink {
  write(bytes: Uint8Array): void;
  end(): void;
}

/** State of a walk when the input ended. */
export interface TarSummary {
  /** Whether the two zero blocks that close an archive were seen. */
  endMarker: boolean;
  /** Bytes of tar consumed. */
  tarBytes: number;
}

/** Feeds a tar stream through `onEntry`, which returns a sink for the body or null to skip it. */
export interface TarWalker {
  push(chunk: Uint8Array): void;
  /** Call once the input is exhausted; throws 'truncated' if it stopped inside an entry. */
  finish(): TarSummary;
}

function readString(h: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && h[end] !== 0) end++;
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(h[i]);
  return s;
}

function readNumber(h: Uint8Array, start: number, len: number, offset: number, field: string): number {
  if (h[start] & 0x80) {
    // GNU base-256: big-endian, high bit of the first byte is the marker.
    let v = h[start] & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + h[i];
    return v;
  }
  const text = readString(h, start, len).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) {
    throw new CifarFormatError('tar', `tar header at byte ${offset}: ${field} field "${text}" is not octal`);
  }
  return parseInt(text, 8);
}

function checkChecksum(h: Uint8Array, offset: number): void {
  const field = readString(h, 148, 8).trim();
  const stored = /^[0-7]+$/.test(field) ? parseInt(field, 8) : NaN;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
  if (sum !== stored) {
    throw new CifarFormatError(
      'tar',
      `tar header at byte ${offset} has checksum "${field}" but its bytes sum to ${sum} (octal ${sum.toString(8)}): not a tar archive, or corrupted`,
    );
  }
}

function parsePaxPath(body: Uint8Array): string | null {
  const text = new TextDecoder().decode(body);
  for (const line of text.split('\n')) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) return m[1];
  }
  return null;
}

/** Creates a walker; see TarWalker. */
export function createTarWalker(onEntry: (entry: TarEntry) => TarSink | null): TarWalker {
  const header = new Uint8Array(BLOCK);
  let headerFill = 0;
  let mode: 'header' | 'body' | 'pad' | 'done' = 'header';
  let remaining = 0; // bytes left in the current body or padding
  let padAfter = 0;
  let entry: TarEntry | null = null;
  let sink: TarSink | null = null;
  let offset = 0; // tar bytes consumed
  let zeroBlocks = 0;
  let nextName: string | null = null; // from a GNU 'L' or pax 'x' entry
  let metaBody: Uint8Array | null = null;
  let metaKind = '';

  function collector(size: number, kind: string): TarSink {
    if (size > MAX_META_ENTRY) {
      throw new CifarFormatError('tar', `tar ${kind} entry of ${size} bytes at byte ${offset} is implausibly large`);
    }
    metaBody = new Uint8Array(size);
    metaKind = kind;
    let at = 0;
    return {
      write(b) {
        metaBody!.set(b, at);
        at += b.length;
      },
      end() {
        const body = metaBody!;
        nextName = metaKind === 'L' ? readString(body, 0, body.length) : parsePaxPath(body) ?? nextName;
        metaBody = null;
      },
    };
  }

  function onHeader(): void {
    const at = offset - BLOCK;
    if (header.every((b) => b === 0)) {
      zeroBlocks++;
      if (zeroBlocks === 2) mode = 'done';
      return;
    }
    zeroBlocks = 0;
    checkChecksum(header, at);
    const size = readNumber(header, 124, 12, at, 'size');
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    const magic = readString(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? readString(header, 345, 155) : '';
    let name = readString(header, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    if (nextName !== null && type !== 'L' && type !== 'x') {
      name = nextName;
      nextName = null;
    }
    entry = { name, size, type };
    if (type === 'L' || type === 'x') sink = collector(size, type);
    else if (type === '0' || type === '7') sink = onEntry(entry);
    else sink = null; // directories, links, pax globals: nothing to read
    remaining = size;
    padAfter = (BLOCK - (size % BLOCK)) % BLOCK;
    if (remaining > 0) mode = 'body';
    else endBody();
  }

  function endBody(): void {
    sink?.end();
    sink = null;
    remaining = padAfter;
    mode = padAfter > 0 ? 'pad' : 'header';
  }

  return {
    push(chunk) {
      let p = 0;
      while (p < chunk.length && mode !== 'done') {
        if (mode === 'header') {
          const n = Math.min(BLOCK - headerFill, chunk.length - p);
          header.set(chunk.subarray(p, p + n), headerFill);
          headerFill += n;
          p += n;
          offset += n;
          if (headerFill === BLOCK) {
            headerFill = 0;
            onHeader();
          }
        } else {
          const n = Math.min(remaining, chunk.length - p);
          if (mode === 'body') sink?.write(chunk.subarray(p, p + n));
          remaining -= n;
          p += n;
          offset += n;
          if (remaining === 0) {
            if (mode === 'body') endBody();
            else mode = 'header';
          }
        }
      }
      if (mode === 'done') offset += chunk.length - p; // trailing record padding
    },
    finish() {
      if (mode === 'body' || mode === 'pad') {
        const name = entry?.name ?? '?';
        const got = mode === 'body' ? entry!.size - remaining : entry!.size;
        throw new CifarFormatError(
          'truncated',
          `tar archive is truncated inside ${name}: got ${got} of ${entry!.size} bytes (+${mode === 'pad' ? remaining : padAfter} padding) at byte ${offset}`,
          name,
        );
      }
      if (headerFill > 0) {
        throw new CifarFormatError(
          'truncated',
          `tar archive is truncated inside a header: ${headerFill} of ${BLOCK} bytes at byte ${offset}`,
        );
      }
      return { endMarker: mode === 'done', tarBytes: offset };
    },
  };
}
