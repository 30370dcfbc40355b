import { describe, expect, it } from 'vitest';
import { FREEZE_MODES } from '../config.ts';
import { buildResNetSpec, countParams, forwardMacs } from './spec.ts';
import { modeTrains, partitionParams, trainableCount } from './partition.ts';

// paper.md, "BN parameter counts (γ+β)" and the width family.
const TABLE: [number, number, number][] = [
  [14, 1120, 175258], [32, 2464, 466906], [56, 4256, 855770], [110, 8288, 1730714],
  [218, 16352, 3480602], [434, 32480, 6980378], [866, 64736, 13979930],
];

describe('ResNet parameter counts (paper.md table)', () => {
  it.each(TABLE)('ResNet-%i: BN %i, total %i', (depth, bn, total) => {
    const c = countParams(buildResNetSpec(depth, 16));
    expect(c.bn).toBe(bn);
    expect(c.total).toBe(total);
    expect(c.output).toBe(64 * 10 + 10);
    expect(c.conv).toBe(total - bn - 650);
  });

  it.each([[1, 1120, 175258], [2, 2240, 696618], [4, 4480, 2777674]])('ResNet-14 width 16·%i', (k, bn, total) => {
    const c = countParams(buildResNetSpec(14, 16 * k));
    expect(c.bn).toBe(bn);
    expect(c.total).toBe(total);
  });

  it('hand count for ResNet-14: conv weights', () => {
    // stem 3·3·3·16; stage 1: 4 convs of 3·3·16·16; stage 2: 16→32, 3×(32→32), 1×1 16→32;
    // stage 3: 32→64, 3×(64→64), 1×1 32→64.
    const conv = 432 + 4 * 2304 + (4608 + 3 * 9216 + 512) + (18432 + 3 * 36864 + 2048);
    expect(countParams(buildResNetSpec(14, 16)).conv).toBe(conv);
  });

  it('forward MACs match paper.md (26.7 M for ResNet-14, 253 M for ResNet-110, 2.04 G for ResNet-866)', () => {
    expect(forwardMacs(buildResNetSpec(14, 16)) / 1e6).toBeCloseTo(26.7, 0);
    expect(forwardMacs(buildResNetSpec(56, 16)) / 1e6).toBeCloseTo(126, -1);
    expect(forwardMacs(buildResNetSpec(110, 16)) / 1e6).toBeCloseTo(253, -1);
    expect(forwardMacs(buildResNetSpec(866, 16)) / 1e9).toBeCloseTo(2.04, 1);
  });

  it('any 6N+2 works and others are refused', () => {
    expect(buildResNetSpec(8, 16).n).toBe(1);
    expect(buildResNetSpec(20, 16).blocks).toHaveLength(9);
    expect(() => buildResNetSpec(15, 16)).toThrow(/6N\+2/);
  });
});

describe('partition by mode', () => {
  const spec = buildResNetSpec(14, 16);
  const count = (mode: Parameters<typeof partitionParams>[1]['mode'], k = 2) => partitionParams(spec, { mode, k, seed: 1 }).trainable;
  it('counts trainable parameters per mode', () => {
    expect(count('all')).toBe(175258);
    expect(count('bn')).toBe(1120);
    expect(count('bn+output')).toBe(1770);
    expect(count('output')).toBe(650);
    expect(count('gamma')).toBe(560);
    expect(count('beta')).toBe(560);
    expect(count('no-affine')).toBe(175258 - 1120);
    expect(count('frozen')).toBe(0);
    // k=2 per conv output channel: 560 output channels, so as many as BN parameters.
    expect(count('random-k')).toBe(1120);
    expect(count('random-k', 5)).toBe(2800);
  });

  it('random-k picks k distinct entries in every output channel, fixed by the seed', () => {
    const a = partitionParams(spec, { mode: 'random-k', k: 3, seed: 7 });
    const b = partitionParams(spec, { mode: 'random-k', k: 3, seed: 7 });
    const c = partitionParams(spec, { mode: 'random-k', k: 3, seed: 8 });
    const conv1 = a.roles.find((r) => r.spec.name === 's2.b0.conv1')!;
    const cout = 32;
    for (let o = 0; o < cout; o++) {
      let n = 0;
      for (let i = 0; i < conv1.spec.fanIn; i++) n += conv1.mask![i * cout + o];
      expect(n).toBe(3);
    }
    expect(b.roles.find((r) => r.spec.name === 's2.b0.conv1')!.mask).toEqual(conv1.mask);
    expect(c.roles.find((r) => r.spec.name === 's2.b0.conv1')!.mask).not.toEqual(conv1.mask);
  });
  it('counts without masks agree with the masks for every mode, random-k included', () => {
    const spec = buildResNetSpec(20, 4);
    for (const mode of FREEZE_MODES) {
      for (const k of [1, 2, 30]) {
        expect(trainableCount(spec, { mode, k }), `${mode} k=${k}`).toBe(partitionParams(spec, { mode, k, seed: 3 }).trainable);
      }
    }
    expect(modeTrains('bn', 'gamma') && modeTrains('bn', 'beta') && !modeTrains('bn', 'conv')).toBe(true);
    expect(modeTrains('random-k', 'conv') && !modeTrains('random-k', 'gamma')).toBe(true);
  });
});
