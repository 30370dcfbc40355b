import { describe, expect, it } from 'vitest';
import { explainFetchError, sourceFromFiles, sourceFromUrl } from './sources.ts';

const file = (name: string, size: number) => new File([new Uint8Array(size)], name);
const BINS = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];

describe('data sources from the user', () => {
  it('takes the archive alone or all six .bin files', () => {
    expect(sourceFromFiles([file('cifar-10-binary.tar.gz', 10)])).toMatchObject({ source: { kind: 'archive' } });
    const r = sourceFromFiles(BINS.map((n) => file(n, 3073 * 2)));
    expect('source' in r && r.source.kind === 'files' && r.source.files.map((f) => f.name)).toEqual(BINS);
  });
  it('names the wrong, the mis-sized and the missing file', () => {
    expect(sourceFromFiles([])).toEqual({ error: 'No file was chosen.' });
    expect(sourceFromFiles([file('a.tar.gz', 1), file('test_batch.bin', 3073)])).toMatchObject({ error: expect.stringMatching(/either the archive/) });
    expect(sourceFromFiles([file('cat.jpg', 3)])).toMatchObject({ error: expect.stringMatching(/^cat\.jpg: not a CIFAR-10 file/) });
    expect(sourceFromFiles([file('test_batch.bin', 3000)])).toEqual({ error: 'test_batch.bin is 3,000 bytes, not a whole number of 3073-byte records.' });
    expect(sourceFromFiles([file('test_batch.bin', 3073)])).toMatchObject({ error: expect.stringMatching(/^Missing data_batch_1\.bin, .*data_batch_5\.bin:/) });
  });
  it('takes https URLs only and explains a blocked fetch', () => {
    expect(sourceFromUrl('https://x.org/c.tar.gz', 'http://localhost:4173')).toEqual({ source: { kind: 'url', url: 'https://x.org/c.tar.gz' } });
    expect(sourceFromUrl('http://x.org/c.tar.gz', 'http://localhost:4173')).toEqual({ error: 'Only https URLs are allowed (got http:).' });
    expect(sourceFromUrl('/data/c.tar.gz', 'http://localhost:4173')).toMatchObject({ source: { url: 'http://localhost:4173/data/c.tar.gz' } });
    expect(sourceFromUrl('http://[bad', 'http://localhost:4173')).toMatchObject({ error: expect.stringMatching(/not a URL/) });
    expect(explainFetchError('GET https://x.org/c.tar.gz failed: Failed to fetch', 'https://x.org/c.tar.gz')).toMatch(/x\.org\) does not allow other sites/);
    expect(explainFetchError('GET …: 404 Not Found', 'https://x.org/c')).toBe('GET …: 404 Not Found');
  });
});
