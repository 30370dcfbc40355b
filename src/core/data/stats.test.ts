import { describe, expect, it } from 'vitest';
import { channelStats } from './stats.ts';

describe('channelStats', () => {
  it('computes per-channel mean and population std of [0,1] pixels', () => {
    // Two images. R: all 255 in both. G: 0 in image 0, 51 (0.2) in image 1. B: half 0, half 255 in each.
    const images = new Uint8Array(2 * 3072);
    for (let i = 0; i < 2; i++) {
      images.fill(255, i * 3072, i * 3072 + 1024);
      images.fill(i === 0 ? 0 : 51, i * 3072 + 1024, i * 3072 + 2048);
      images.fill(255, i * 3072 + 2048, i * 3072 + 2560);
    }
    const s = channelStats({ images, labels: new Uint8Array(2), count: 2 });
    expect(s.mean[0]).toBeCloseTo(1, 12);
    expect(s.mean[1]).toBeCloseTo(0.1, 12);
    expect(s.mean[2]).toBeCloseTo(0.5, 12);
    expect(s.std[0]).toBeCloseTo(0, 6);
    expect(s.std[1]).toBeCloseTo(0.1, 12);
    expect(s.std[2]).toBeCloseTo(0.5, 12);
  });
});
