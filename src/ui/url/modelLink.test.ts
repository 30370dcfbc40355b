import { describe, expect, it } from 'vitest';
import { encodeCheckpoint } from '../../core/checkpointFormat.ts';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { decodeModelFragment, encodeModelFragment, fromBase64Url, toBase64Url, zeroVelocity } from './modelLink.ts';

/** A checkpoint (core encoder) with one parameter tensor and its velocity. */
function checkpointOf(params: number[], velocity: number[]): Uint8Array {
  return encodeCheckpoint({
    version: 1, config: DEFAULT_CONFIG, step: 3,
    tensors: [
      { group: 'param', name: 'a', shape: [params.length], values: Float32Array.from(params) },
      { group: 'velocity', name: 'a', shape: [velocity.length], values: Float32Array.from(velocity) },
    ],
  });
}

describe('base64url', () => {
  it('matches RFC 4648 vectors without padding', () => {
    const enc = (s: string) => toBase64Url(new TextEncoder().encode(s));
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual(['', 'Zg', 'Zm8', 'Zm9v', 'Zm9vYg', 'Zm9vYmE', 'Zm9vYmFy']);
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('round-trips every byte value and rejects foreign characters', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(all))).toEqual(all);
    expect(() => fromBase64Url('ab+c')).toThrow(/not base64url/);
    expect(() => fromBase64Url('abcde')).toThrow(/not valid/);
  });
});

describe('model fragment', () => {
  it('zeroes only the velocity of a checkpoint', () => {
    const ckpt = checkpointOf([1.5, -2, 3], [0.25, 0.5]);
    const z = zeroVelocity(ckpt);
    const headerLen = new DataView(z.buffer).getUint32(8, true);
    expect(Array.from(new Float32Array(z.buffer, 12 + headerLen))).toEqual([1.5, -2, 3, 0, 0]);
    expect(Array.from(new Float32Array(ckpt.buffer, 12 + headerLen))).toEqual([1.5, -2, 3, 0.25, 0.5]);
    const junk = new Uint8Array([1, 2, 3]);
    expect(zeroVelocity(junk)).toEqual(junk);
  });

  it('round-trips exact float32 values through deflate-raw and base64url', async () => {
    // 1,120 BN numbers + 1,120 running statistics of ResNet-14, random-looking floats.
    const params = Array.from({ length: 2240 }, (_, i) => Math.fround(Math.sin(i * 12.9898) * 43758.5453 % 1));
    const ckpt = checkpointOf(params, params.slice(0, 1120));
    const frag = await encodeModelFragment(ckpt);
    expect(frag.startsWith('model=')).toBe(true);
    expect(frag).toMatch(/^model=[A-Za-z0-9_-]+$/);
    // velocity zeroed compresses away: well under the raw size of the params alone.
    expect(frag.length).toBeLessThan((2240 * 4 * 4) / 3 + 400);
    const back = await decodeModelFragment(`#${frag}`);
    expect(back).toEqual(zeroVelocity(ckpt));
  });

  it('returns null without a model and a clear error for a damaged one', async () => {
    expect(await decodeModelFragment('#other=1')).toBeNull();
    await expect(decodeModelFragment('#model=abc*')).rejects.toThrow(/damaged.*not base64url/);
    await expect(decodeModelFragment('#model=AAAAAAAA')).rejects.toThrow(/do not decompress|damaged/);
  });
});
