import { describe, expect, it } from 'vitest';
import { createTarWalker, type TarEntry } from './tarWalker.ts';
import { formatError } from './testing/errors.ts';
import { buildTar, concatBytes, tarHeader } from './testing/tarWriter.ts';

/** Walks `tar` fed in chunks of `size` bytes; returns each regular entry with its body as text. */
function walk(tar: Uint8Array, size: number) {
  const seen: { entry: TarEntry; body: string }[] = [];
  const walker = createTarWalker((entry) => {
    let body = '';
    return { write: (b) => (body += new TextDecoder().decode(b)), end: () => seen.push({ entry, body }) };
  });
  for (let i = 0; i < tar.length; i += size) walker.push(tar.subarray(i, i + size));
  return { seen, summary: walker.finish() };
}

const text = (s: string) => new TextEncoder().encode(s);

const concat = concatBytes;

/** A metadata entry (GNU 'L' long name or pax 'x') with its body padded to 512. */
function metaEntry(type: string, body: string): Uint8Array {
  const bytes = text(body);
  const padded = new Uint8Array(Math.ceil(bytes.length / 512) * 512);
  padded.set(bytes);
  return concat(tarHeader('././@LongLink', bytes.length, type), padded);
}

describe('createTarWalker', () => {
  const tar = buildTar([
    { name: 'dir/' },
    { name: 'dir/a.txt', data: text('A'.repeat(700)) },
    { name: 'dir/empty', data: new Uint8Array(0) },
    { name: 'dir/b.txt', data: text('hello') },
  ]);

  it('gives the same entries whatever the chunk size, skipping directories', () => {
    for (const size of [1, 100, 511, 512, 513, tar.length]) {
      const { seen, summary } = walk(tar, size);
      expect(seen.map((s) => [s.entry.name, s.entry.size, s.body.length])).toEqual([
        ['dir/a.txt', 700, 700], ['dir/empty', 0, 0], ['dir/b.txt', 5, 5],
      ]);
      expect(seen[2].body).toBe('hello');
      // 4 headers + 1024 (a.txt) + 512 (b.txt) + 2 zero blocks
      expect(summary).toEqual({ endMarker: true, tarBytes: 4 * 512 + 1024 + 512 + 1024 });
    }
  });

  it('applies GNU long names and pax paths to the next entry', () => {
    const long = 'cifar-10-batches-bin/' + 'x'.repeat(120) + '.bin';
    const archive = concat(
      metaEntry('L', long + '\0'),
      buildTar([{ name: 'short1', data: text('1') }], false),
      metaEntry('x', `${long.length + 9} path=${long}z\n`),
      buildTar([{ name: 'short2', data: text('2') }]),
    );
    const { seen } = walk(archive, 333);
    expect(seen.map((s) => s.entry.name)).toEqual([long, long + 'z']);
  });

  it('reports where a header was cut', () => {
    // dir/ header, a.txt header and padded body, then 100 bytes of the next header
    const e = formatError(() => walk(tar.subarray(0, 2 * 512 + 1024 + 100), 512));
    expect([e.code, e.message]).toEqual(['truncated', 'tar archive is truncated inside a header: 100 of 512 bytes at byte 2148']);
  });

  it('notices a missing end marker', () => {
    expect(walk(tar.subarray(0, tar.length - 1024), 4096).summary).toEqual({ endMarker: false, tarBytes: tar.length - 1024 });
  });
});
