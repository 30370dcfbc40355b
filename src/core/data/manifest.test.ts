import { describe, expect, it } from 'vitest';
import { MANIFEST_FILES, parseManifest } from './manifest.ts';
import { formatError } from './testing/errors.ts';

function manifest() {
  const files = MANIFEST_FILES.map((name, i) => ({
    name,
    role: i < 5 ? 'train' : i === 5 ? 'test' : 'meta',
    bytes: i < 6 ? 30_730_000 : 60,
    sha256: 'a'.repeat(64),
  }));
  return { version: 1, dataset: 'cifar-10', files, totalBytes: 184_380_060 };
}

describe('parseManifest', () => {
  it('accepts a well-formed manifest', () => {
    expect(parseManifest(manifest()).files[6]).toEqual({ name: 'batches.meta.txt', role: 'meta', bytes: 60, sha256: 'a'.repeat(64) });
  });

  it('names the bad field and its value', () => {
    const cases: [(m: ReturnType<typeof manifest>) => void, string][] = [
      [(m) => (m.version = 2), 'manifest.json: version is 2; expected 1'],
      [(m) => (m.files[2].name = 'data_batch_9.bin'), 'manifest.json: files[2].name is "data_batch_9.bin"; expected "data_batch_3.bin"'],
      [(m) => (m.files[5].role = 'train'), 'manifest.json: files[5].role is "train"; expected "test"'],
      [(m) => (m.files[0].bytes = -1), 'manifest.json: files[0].bytes is -1; expected a byte count'],
      [(m) => (m.files[1].sha256 = 'xyz'), 'manifest.json: files[1].sha256 is "xyz"; expected 64 hex digits'],
      [(m) => (m.totalBytes = 5), 'manifest.json: totalBytes is 5; expected 184380060 (sum of files[].bytes)'],
    ];
    for (const [spoil, message] of cases) {
      const m = manifest();
      spoil(m);
      const e = formatError(() => parseManifest(m));
      expect([e.code, e.message]).toEqual(['manifest', message]);
    }
  });
});
