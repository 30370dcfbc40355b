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
export function tarHeader(name: string, size: number, type: '0' | '5'): Uint8Array {
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
  const parts = [...tarChunks(members, endMarker)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
