import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assembleCifarFiles } from './assemble.ts';
import { type CifarDataset } from './cifarRecords.ts';
import { readCifarTarGz, readTarGzFile, type TarGzProgress } from './tarGz.ts';
import { formatErrorAsync } from './testing/errors.ts';
import { syntheticFiles } from './testing/synthetic.ts';
import { buildTar, officialMembers, streamOf, tarHeader } from './testing/tarWriter.ts';

const DIR = 'cifar-10-batches-bin/';
const small = { recordsPerFile: null } as const;

const gz = (tar: Uint8Array) => new Uint8Array(gzipSync(tar));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

function expectSameDataset(a: CifarDataset, b: CifarDataset): void {
  expect(a.train.count).toBe(b.train.count);
  expect(a.test.count).toBe(b.test.count);
  expect(same(a.train.images, b.train.images) && same(a.train.labels, b.train.labels)).toBe(true);
  expect(same(a.test.images, b.test.images) && same(a.test.labels, b.test.labels)).toBe(true);
}

describe('readCifarTarGz on synthetic archives', () => {
  const files = syntheticFiles(7); // 7 records per file: bodies of 21,511 bytes cross 512-byte blocks

  it('decodes the same records as the .bin files, for awkward chunk sizes, and reports progress', async () => {
    const archive = gz(buildTar(officialMembers(files)));
    const reference = assembleCifarFiles(files, small);
    for (const chunk of [777, 65536]) {
      const seen: TarGzProgress[] = [];
      const d = await readCifarTarGz(streamOf(archive, chunk), { ...small, onProgress: (p) => seen.push(p) });
      expectSameDataset(d, reference);
      expect(d.meta).toBe(reference.meta);
      const last = seen[seen.length - 1];
      expect(last.compressedBytes).toBe(archive.length);
      expect(last.tarBytes).toBe(buildTar(officialMembers(files)).length);
      expect(last.file).toBe(DIR + 'data_batch_4.bin');
      expect(seen.every((p, i) => i === 0 || p.compressedBytes >= seen[i - 1].compressedBytes)).toBe(true);
    }
  });

  it('accepts GNU archives padded with zeros after the end marker', async () => {
    const tar = buildTar(officialMembers(files));
    const padded = new Uint8Array(Math.ceil(tar.length / 10240) * 10240 + 10240);
    padded.set(tar);
    const d = await readCifarTarGz(streamOf(gz(padded)), small);
    expect(d.train.count).toBe(35);
  });

  it('reports a corrupted gzip header as gzip', async () => {
    const archive = gz(buildTar(officialMembers(files)));
    archive[0] = 0x00; // magic 1f 8b -> 00 8b
    const e = await formatErrorAsync(readCifarTarGz(streamOf(archive), small));
    expect(e.code).toBe('gzip');
    expect(e.message).toMatch(/^not a valid gzip stream \(failed after \d+ compressed bytes: .+\); expected cifar-10-binary\.tar\.gz$/);
  });

  it('reports a file that is not gzip at all, and an empty one', async () => {
    const e = await formatErrorAsync(readCifarTarGz(streamOf(buildTar(officialMembers(files))), small));
    expect(e.code).toBe('gzip');
    const empty = await formatErrorAsync(readCifarTarGz(streamOf(new Uint8Array(0)), small));
    expect([empty.code, empty.message]).toEqual(['gzip', 'the archive is empty: expected cifar-10-binary.tar.gz']);
  });

  it('reports a gzip stream cut short as truncated', async () => {
    const archive = gz(buildTar(officialMembers(files)));
    const e = await formatErrorAsync(readCifarTarGz(streamOf(archive.subarray(0, archive.length >> 1)), small));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/^gzip stream ends early after \d+ compressed bytes: the archive is truncated/);
  });

  it('reports a tar cut inside an entry as truncated, naming the entry', async () => {
    const tar = buildTar(officialMembers(files));
    const cut = 512 + 512 + 21511 + 505 + 512 + 60 + 452 + 512 + 1000; // 1000 bytes into data_batch_3.bin
    const e = await formatErrorAsync(readCifarTarGz(streamOf(gz(tar.subarray(0, cut))), small));
    expect(e.code).toBe('truncated');
    expect(e.file).toBe(DIR + 'data_batch_3.bin');
    expect(e.message).toBe(`tar archive is truncated inside ${DIR}data_batch_3.bin: got 1000 of 21511 bytes (+505 padding) at byte ${cut}`);
  });

  it('reports a tar cut between entries without an end marker as truncated', async () => {
    const tar = buildTar(officialMembers(files));
    const cut = 512 + 512 + 21511 + 505; // after data_batch_1.bin
    const e = await formatErrorAsync(readCifarTarGz(streamOf(gz(tar.subarray(0, cut))), small));
    expect(e.code).toBe('truncated');
    expect(e.message).toBe(`tar archive ends at byte ${cut} without its end marker; missing data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin, test_batch.bin`);
  });

  it('reports a complete tar that lacks a batch as missing-file', async () => {
    const archive = gz(buildTar(officialMembers(files, ['data_batch_3.bin'])));
    const e = await formatErrorAsync(readCifarTarGz(streamOf(archive), small));
    expect(e.code).toBe('missing-file');
    expect(e.file).toBe('data_batch_3.bin');
    expect(e.message).toMatch(/^CIFAR-10 input is missing data_batch_3\.bin \(found: data_batch_1\.bin, data_batch_2\.bin, data_batch_5\.bin, test_batch\.bin, data_batch_4\.bin\)$/);
  });

  it('reports a gzip of something that is not a tar as tar', async () => {
    const junk = new Uint8Array(4096).fill(65); // 'A': 504 * 65 + 8 * 32 (checksum field as spaces) = 33016
    const e = await formatErrorAsync(readCifarTarGz(streamOf(gz(junk)), small));
    expect(e.code).toBe('tar');
    expect(e.message).toBe('tar header at byte 0 has checksum "AAAAAAAA" but its bytes sum to 33016 (octal 100370): not a tar archive, or corrupted');
    const header = tarHeader('x.bin', 10, '0');
    header[0] ^= 1; // break the checksum
    const e2 = await formatErrorAsync(readCifarTarGz(streamOf(gz(header)), small));
    expect(e2.message).toMatch(/^tar header at byte 0 has checksum "\d+" but its bytes sum to \d+ \(octal [0-7]+\): not a tar archive, or corrupted$/);
  });

  it('reports a bad label inside the archive with its record index', async () => {
    const bad = new Map(files);
    const b = bad.get('data_batch_2.bin')!.slice();
    b[5 * 3073] = 10;
    bad.set('data_batch_2.bin', b);
    const e = await formatErrorAsync(readCifarTarGz(streamOf(gz(buildTar(officialMembers(bad)))), small));
    expect([e.code, e.message]).toEqual(['label', 'data_batch_2.bin: record 5 has label 10; CIFAR-10 labels are 0-9']);
  });

  it('rejects a non-standard batch size from its header, before reading the body', async () => {
    const e = await formatErrorAsync(readCifarTarGz(streamOf(gz(buildTar(officialMembers(files))))));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/^data_batch_1\.bin is truncated: 21511 bytes, expected 30730000/);
  });

  it('passes a failure of the source stream through unchanged', async () => {
    const archive = gz(buildTar(officialMembers(files)));
    let sent = false;
    const failing = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (!sent) {
          sent = true;
          ctl.enqueue(archive.slice(0, 2000));
        } else ctl.error(new Error('network down'));
      },
    });
    await expect(readCifarTarGz(failing, small)).rejects.toThrow(/^network down$/);
  });

});

describe('readTarGzFile', () => {
  const files = syntheticFiles(3);
  const archive = gz(buildTar(officialMembers(files)));

  it('returns exactly the named file\'s bytes, for any chunking', async () => {
    for (const chunk of [100, 4096, 1 << 20]) {
      const test = await readTarGzFile(streamOf(archive, chunk), 'test_batch.bin');
      expect(test && same(test, files.get('test_batch.bin')!)).toBe(true);
      const last = await readTarGzFile(streamOf(archive, chunk), 'data_batch_4.bin');
      expect(last && same(last, files.get('data_batch_4.bin')!)).toBe(true);
    }
  });

  it('stops at the file: an archive cut short after it still gives it', async () => {
    // Incompressible members, so that cutting the compressed stream cuts the second one.
    let x = 12345;
    const noise = (n: number) => Uint8Array.from({ length: n }, () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24));
    const first = noise(200_000);
    const big = gz(buildTar([{ name: 'a/first.bin', data: first }, { name: 'a/second.bin', data: noise(800_000) }]));
    const cut = big.subarray(0, Math.floor(big.length / 2));
    const got = await readTarGzFile(streamOf(cut, 4096), 'first.bin');
    expect(got && same(got, first)).toBe(true);
    const e = await formatErrorAsync(readTarGzFile(streamOf(cut, 4096), 'second.bin'));
    expect(e.code).toBe('truncated');
    // A whole gzip stream of a tar that stops inside the file.
    const shortTar = gz(buildTar([{ name: 'a/first.bin', data: first }]).subarray(0, 100_000));
    const e2 = await formatErrorAsync(readTarGzFile(streamOf(shortTar), 'first.bin'));
    expect([e2.code, e2.message]).toEqual(['truncated', 'the archive ends inside first.bin']);
  });

  it('gives null for a name the archive lacks, and a gzip error for bytes that are not gzip', async () => {
    expect(await readTarGzFile(streamOf(archive), 'nothing.bin')).toBeNull();
    const e = await formatErrorAsync(readTarGzFile(streamOf(buildTar(officialMembers(files))), 'test_batch.bin'));
    expect(e.code).toBe('gzip');
  });
});
