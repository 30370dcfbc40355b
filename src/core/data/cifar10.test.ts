/**
 * The CIFAR-10 data layer on full-size synthetic files (60,000 records with known labels and
 * pixels, src/core/data/testing/synthetic.ts): parse, re-encode, error messages, the .tar.gz
 * stream, subsets and batches. What only the real files can show is in the real-data smoke
 * test (src/core/realData.smoke.test.ts).
 */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../rng.ts';
import { assembleCifarFiles } from './assemble.ts';
import { epochOrder, fillBatch } from './batches.ts';
import { CIFAR_RECORD_BYTES, classCounts, encodeCifarBatch, parseCifarBatch, type CifarDataset } from './cifarRecords.ts';
import { CIFAR10_MEAN, CIFAR10_STD } from './stats.ts';
import { selectBalancedSubset } from './subset.ts';
import { readCifarTarGz } from './tarGz.ts';
import { formatError } from './testing/errors.ts';
import { syntheticFiles, syntheticPixel } from './testing/synthetic.ts';
import { officialMembers, streamOf, tarChunks } from './testing/tarWriter.ts';

/** The official archive layout of `files`, gzipped by node:zlib (level 1) chunk by chunk. */
async function tarGzOf(files: ReadonlyMap<string, Uint8Array>): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const c of Readable.from(tarChunks(officialMembers(files))).pipe(createGzip({ level: 1 }))) parts.push(c as Buffer);
  return new Uint8Array(Buffer.concat(parts));
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('CIFAR-10 files (full-size synthetic)', () => {
  let files: Map<string, Uint8Array>;
  let data: CifarDataset;

  beforeAll(() => {
    files = syntheticFiles(10_000);
    const t0 = performance.now();
    data = assembleCifarFiles(files);
    console.log(`[cifar10.test] parsed 60,000 records from .bin bytes in ${(performance.now() - t0).toFixed(0)} ms`);
  });

  it('parses 50,000 + 10,000 records: labels and pixels (planar RGB) where the files put them', () => {
    expect([data.train.count, data.test.count]).toEqual([50_000, 10_000]);
    expect(classCounts(data.train.labels)).toEqual(new Array(10).fill(5000));
    // Record 3 of data_batch_2 (file 1): label (1 + 3) % 10, pixel j at image offset j.
    const i = 10_000 + 3;
    expect(data.train.labels[i]).toBe(4);
    expect([0, 1, 1024, 3071].map((j) => data.train.images[i * 3072 + j])).toEqual([0, 1, 1024, 3071].map((j) => syntheticPixel(1, 3, j)));
    expect(data.test.labels[9999]).toBe((5 + 9999) % 10);
    expect(files.get('data_batch_1.bin')!.length).toBe(10_000 * CIFAR_RECORD_BYTES);
  });

  it('keeps every byte: re-encoding gives the files back', () => {
    expect(same(encodeCifarBatch(data.train, 20_000, 10_000), files.get('data_batch_3.bin')!)).toBe(true);
    expect(same(encodeCifarBatch(data.test), files.get('test_batch.bin')!)).toBe(true);
  });

  it('rejects a truncated batch and a label of 10 with their own errors', () => {
    const b1 = files.get('data_batch_1.bin')!;
    const cut = formatError(() => parseCifarBatch('data_batch_1.bin', b1.subarray(0, b1.length - 3073), 10_000));
    expect([cut.code, cut.message]).toEqual(['truncated', 'data_batch_1.bin is truncated: 30726927 bytes, expected 30730000 (10000 records of 3073 bytes)']);
    const odd = formatError(() => parseCifarBatch('data_batch_1.bin', b1.subarray(0, b1.length - 100)));
    expect([odd.code, odd.message]).toEqual(['size', 'data_batch_1.bin has 30729900 bytes, which is not a positive multiple of the 3073-byte record (1 label + 3072 pixels)']);
    const bad = b1.slice();
    bad[9999 * 3073] = 10;
    const label = formatError(() => parseCifarBatch('data_batch_1.bin', bad));
    expect([label.code, label.message]).toEqual(['label', 'data_batch_1.bin: record 9999 has label 10; CIFAR-10 labels are 0-9']);
  });

  it('streams a .tar.gz of the same files to identical records', async () => {
    let t0 = performance.now();
    const archive = await tarGzOf(files);
    const tGzip = performance.now() - t0;
    t0 = performance.now();
    let calls = 0;
    const streamed = await readCifarTarGz(streamOf(archive, 1 << 16), { onProgress: () => calls++ });
    const tRead = performance.now() - t0;
    console.log(`[cifar10.test] tar.gz of ${(archive.length / 1e6).toFixed(1)} MB built in ${tGzip.toFixed(0)} ms, streamed and parsed in ${tRead.toFixed(0)} ms (${calls} progress calls)`);
    expect(same(streamed.train.images, data.train.images) && same(streamed.train.labels, data.train.labels)).toBe(true);
    expect(same(streamed.test.images, data.test.images) && same(streamed.test.labels, data.test.labels)).toBe(true);
    expect(streamed.meta).toBe(data.meta);
    expect(calls).toBeGreaterThan(100);
  });

  it('draws balanced subsets of the labels', () => {
    const idx = selectBalancedSubset(data.train.labels, 1000, 0);
    expect(classCounts(Uint8Array.from(idx, (i) => data.train.labels[i]))).toEqual(new Array(10).fill(100));
    expect(selectBalancedSubset(data.train.labels, 50_000, 0).length).toBe(50_000);
  });

  it('fills 128-image augmented batches with finite values (and prints the time one takes)', () => {
    const out = new Float32Array(128 * 3072);
    const order = epochOrder(50_000, 1, 0);
    const rng = createRng(1, 'augment');
    const opts = { augment: true, rng, mean: CIFAR10_MEAN, std: CIFAR10_STD };
    const times: number[] = [];
    for (let step = 0; step < 60; step++) {
      const t0 = performance.now();
      fillBatch(data.train, order.subarray(step * 128, step * 128 + 128), out, opts);
      times.push(performance.now() - t0);
    }
    const sorted = times.slice(10).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1];
    console.log(`[cifar10.test] fillBatch(128, augment): median ${median.toFixed(2)} ms, max ${sorted[sorted.length - 1].toFixed(2)} ms`);
    expect(out.every(Number.isFinite)).toBe(true);
  });
});
