import { describe, expect, it } from 'vitest';
import {
  checkMetaText,
  classCounts,
  concatSplits,
  encodeCifarBatch,
  parseCifarBatch,
  type CifarErrorCode,
} from './cifarRecords.ts';
import { assembleCifarFiles } from './assemble.ts';
import { formatError } from './testing/errors.ts';
import { syntheticBatch, syntheticFiles, syntheticPixel } from './testing/synthetic.ts';

function expectError(f: () => unknown, code: CifarErrorCode, message: RegExp): void {
  const e = formatError(f);
  expect(e.code).toBe(code);
  expect(e.message).toMatch(message);
}

describe('parseCifarBatch', () => {
  it('puts the label byte in labels and the R, G, B planes in order', () => {
    const bytes = new Uint8Array(2 * 3073);
    bytes[0] = 4; // record 0 label
    bytes[1] = 11; // R(0,0)
    bytes[1 + 1024] = 22; // G(0,0)
    bytes[1 + 2048 + 32 * 5 + 3] = 33; // B(y=5, x=3)
    bytes[3073] = 9; // record 1 label
    bytes[3073 + 3072] = 44; // B(31,31) of record 1
    const s = parseCifarBatch('two.bin', bytes);
    expect(s.count).toBe(2);
    expect([...s.labels]).toEqual([4, 9]);
    expect(s.images.length).toBe(2 * 3072);
    expect([s.images[0], s.images[1024], s.images[2048 + 163], s.images[3072 + 3071]]).toEqual([11, 22, 33, 44]);
  });

  it('round-trips through encodeCifarBatch', () => {
    const bytes = syntheticBatch(3, 5);
    const s = parseCifarBatch('syn.bin', bytes);
    expect(s.images[3072 + 100]).toBe(syntheticPixel(3, 1, 100));
    expect(Buffer.from(encodeCifarBatch(s)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(encodeCifarBatch(s, 2, 2)).equals(Buffer.from(bytes.subarray(2 * 3073, 4 * 3073)))).toBe(true);
  });

  it('rejects a size that is not whole records, naming the file and its size', () => {
    expectError(() => parseCifarBatch('data_batch_2.bin', new Uint8Array(5000)), 'size', /^data_batch_2\.bin has 5000 bytes, which is not a positive multiple of the 3073-byte record/);
    expectError(() => parseCifarBatch('empty.bin', new Uint8Array(0)), 'size', /empty\.bin has 0 bytes/);
  });

  it('tells a truncated official file from an oversized one', () => {
    expectError(() => parseCifarBatch('test_batch.bin', new Uint8Array(3 * 3073), 10_000), 'truncated', /test_batch\.bin is truncated: 9219 bytes, expected 30730000 \(10000 records/);
    expectError(() => parseCifarBatch('test_batch.bin', new Uint8Array(3 * 3073), 2), 'size', /test_batch\.bin has 9219 bytes, expected 6146/);
  });

  it('rejects label 10 naming the file, the record and the label', () => {
    const bytes = syntheticBatch(0, 4);
    bytes[2 * 3073] = 10;
    const e = formatError(() => parseCifarBatch('data_batch_1.bin', bytes));
    expect(e.code).toBe('label');
    expect(e.file).toBe('data_batch_1.bin');
    expect(e.message).toBe('data_batch_1.bin: record 2 has label 10; CIFAR-10 labels are 0-9');
    expect(e.name).toBe('CifarFormatError');
  });
});

describe('concatSplits and classCounts', () => {
  it('concatenates in order', () => {
    const a = parseCifarBatch('a', syntheticBatch(0, 3));
    const b = parseCifarBatch('b', syntheticBatch(1, 2));
    const s = concatSplits([a, b]);
    expect(s.count).toBe(5);
    expect([...s.labels]).toEqual([0, 1, 2, 1, 2]);
    expect(s.images[3 * 3072 + 7]).toBe(syntheticPixel(1, 0, 7));
    expect(classCounts(s.labels)).toEqual([1, 2, 2, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('checkMetaText', () => {
  it('accepts the official list and rejects another', () => {
    expect(() => checkMetaText('airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n')).not.toThrow();
    expectError(() => checkMetaText('cat\ndog\n'), 'meta', /batches\.meta\.txt lists \[cat, dog\]; expected the CIFAR-10 classes \[airplane/);
  });
});

describe('assembleCifarFiles', () => {
  it('orders train batches 1..5 whatever the map order and ignores directories', () => {
    const files = syntheticFiles(3);
    const reordered = new Map<string, Uint8Array>([...files.entries()].reverse().map(([k, v]) => [`some/dir/${k}`, v]));
    reordered.set('readme.html', new Uint8Array(10));
    const d = assembleCifarFiles(reordered, { recordsPerFile: null });
    expect(d.train.count).toBe(15);
    expect(d.test.count).toBe(3);
    expect([...d.train.labels]).toEqual([0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6]);
    expect(d.test.images[2 * 3072 + 5]).toBe(syntheticPixel(5, 2, 5));
    expect(d.meta).toMatch(/^airplane\n/);
  });

  it('names every missing batch file', () => {
    const files = syntheticFiles(2);
    files.delete('data_batch_3.bin');
    files.delete('test_batch.bin');
    expectError(() => assembleCifarFiles(files, { recordsPerFile: null }), 'missing-file', /^CIFAR-10 input is missing data_batch_3\.bin, test_batch\.bin \(found: data_batch_1\.bin, data_batch_2\.bin, data_batch_4\.bin, data_batch_5\.bin\)$/);
  });

  it('expects 10,000 records per official file by default', () => {
    expectError(() => assembleCifarFiles(syntheticFiles(2)), 'truncated', /data_batch_1\.bin is truncated: 6146 bytes, expected 30730000/);
  });
});
