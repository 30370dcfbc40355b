/**
 * Test-only: a minimal ustar writer, so tests can build archives (including broken ones)
 * from known bytes without a tar binary. Pure; never imported by app code.
 */

/** One archive member. */
export interface TarMember {
  /** Path inside the archive; directories end with '/'. */
  name: string;
  /** Body; omitted for directories. */
  data?: Uint8Array;
}

function putString(h: Uint8Array, at: number, len: number, s: string): void {
  for (let i = 0; i < Math.min(len, s.length); i++) h[at + i] = s.charCodeAt(i);
}

function putOctal(h: Uint8Array, at: number, len: number, v: number): void {
  putString(h, at, len - 1, v.toString(8).padStart(len - 1, '0')); // NUL-terminated
}

/** The 512-byte ustar header of a member. */
export function tarHeader(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  putString(h, 0, 100, name);
  putOctal(h, 100, 8, type === '5' ? 0o755 : 0o644);
  putOctal(h, 108, 8, 0);
  putOctal(h, 116, 8, 0);
  putOctal(h, 124, 12, size);
  putOctal(h, 136, 12, 1_234_567_890);
  h[156] = type.charCodeAt(0);
  putString(h, 257, 6, 'ustar');
  putString(h, 263, 2, '00');
  putString(h, 148, 8, '        ');
  let sum = 0;
  for (const b of h) sum += b;
  putString(h, 148, 7, sum.toString(8).padStart(6, '0') + '\0');
  return h;
}

/** Yields the archive block by block (header, body, padding ... then two zero blocks). */
export function* tarChunks(members: readonly TarMember[], endMarker = true): Generator<Uint8Array> {
  for (const m of members) {
    const dir = m.name.endsWith('/');
    const size = dir ? 0 : (m.data?.length ?? 0);
    yield tarHeader(m.name, size, dir ? '5' : '0');
    if (size > 0) {
      yield m.data!;
      const pad = (512 - (size % 512)) % 512;
      if (pad) yield new Uint8Array(pad);
    }
  }
  if (endMarker) yield new Uint8Array(1024);
}

/** The whole archive in one array (for small test archives). */
export function buildTar(members: readonly TarMember[], endMarker = true): Uint8Array {
  return concatBytes(...tarChunks(members, endMarker));
}

/** The given arrays end to end in one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Order of the entries in the official cifar-10-binary.tar.gz. */
export const ARCHIVE_ORDER = [
  'data_batch_1.bin', 'batches.meta.txt', 'data_batch_3.bin', 'data_batch_2.bin',
  'data_batch_5.bin', 'test_batch.bin', 'readme.html', 'data_batch_4.bin',
] as const;

/**
 * Members laid out like the official archive (a `cifar-10-batches-bin/` directory entry,
 * then ARCHIVE_ORDER) from files keyed by base name; readme.html is made up when absent
 * and names in `drop` are left out.
 */
export function officialMembers(files: ReadonlyMap<string, Uint8Array>, drop: readonly string[] = []): TarMember[] {
  const dir = 'cifar-10-batches-bin/';
  const readme = new TextEncoder().encode('<html>readme</html>');
  return [
    { name: dir },
    ...ARCHIVE_ORDER.filter((name) => !drop.includes(name)).map((name) => ({
      name: dir + name,
      data: files.get(name) ?? (name === 'readme.html' ? readme : undefined),
    })),
  ];
}

/** A stream that delivers `bytes` in chunks of `chunkSize` (to exercise chunk boundaries). */
export function streamOf(bytes: Uint8Array, chunkSize = 65536): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (at >= bytes.length) return ctl.close();
      ctl.enqueue(bytes.slice(at, at + chunkSize));
      at += chunkSize;
    },
  });
}
