import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import type { RunRecord } from '../store/runTypes.ts';
import { costWarning, estimateCost, roughCostWarning } from './costEstimate.ts';
import { decimateRows, lttbIndices } from './decimate.ts';
import { metricsToCsv, runFileStem, runToJson } from './exportMetrics.ts';
import { formatBytes, formatCount, formatDuration } from './format.ts';
import { modelInfo } from './modeInfo.ts';
import { referencesFor, REFERENCE_NUMBERS } from './paperNumbers.ts';
import { describeConfig, diffLabels, differingFields } from './runDiff.ts';
import { debiasedEma } from './smoothing.ts';

describe('debiased EMA', () => {
  it('matches hand-computed values', () => {
    // β=0.5: ema 1, 1.5, 2.25 … weights 0.5, 0.75, 0.875 → 2, 3.333.., 3.4285..
    const out = debiasedEma([2, 4, 4], 0.5);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo((0.5 * 1 + 0.5 * 4) / 0.75, 12);
    expect(out[2]).toBeCloseTo((0.5 * 2.5 + 0.5 * 4) / 0.875, 12);
  });
  it('is the identity at β=0, constant on constants, and skips NaN', () => {
    expect(debiasedEma([3, 1, 4], 0)).toEqual([3, 1, 4]);
    debiasedEma([5, 5, 5, 5], 0.99).forEach((v) => expect(v).toBeCloseTo(5, 12));
    const withNaN = debiasedEma([NaN, 2, NaN, 2], 0.9);
    expect(withNaN[0]).toBeNaN();
    expect(withNaN.slice(1)).toEqual([2, 2, 2].map((v) => expect.closeTo(v, 12)));
    expect(() => debiasedEma([1], 1)).toThrow(/\[0, 1\)/);
  });
});

describe('LTTB decimation', () => {
  it('keeps all points when few, ends and a spike when many', () => {
    expect(lttbIndices([0, 1, 2], [0, 0, 0], 10)).toEqual([0, 1, 2]);
    const n = 10_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => (i === 4321 ? 100 : Math.sin(i / 100)));
    const idx = lttbIndices(x, y, 200);
    expect(idx).toHaveLength(200);
    expect(idx[0]).toBe(0);
    expect(idx[199]).toBe(n - 1);
    expect(idx).toContain(4321);
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    const rows = decimateRows(x.map((i) => ({ i, v: y[i] })), 200, (r) => r.i, (r) => r.v);
    expect(rows.map((r) => r.i)).toEqual(idx);
  });
});

describe('mode info', () => {
  it('reports the paper counts for ResNet-14 and ResNet-866', () => {
    const r14 = modelInfo({ depth: 14, width: 16, k: 2, seed: 0 })!;
    expect(r14.total).toBe(175_258);
    expect(r14.bn).toBe(1_120);
    expect(r14.modes.find((m) => m.mode === 'bn')!.trainable).toBe(1_120);
    expect(r14.modes.find((m) => m.mode === 'frozen')!.trainable).toBe(0);
    expect(r14.macs / 1e6).toBeCloseTo(26.7, 1);
    const r866 = modelInfo({ depth: 866, width: 16, k: 2, seed: 0 })!;
    expect(r866.bn).toBe(64_736);
    expect(r866.total).toBe(13_979_930);
    expect(modelInfo({ depth: 15, width: 16, k: 2, seed: 0 })).toBeNull();
  });
});

describe('paper reference numbers', () => {
  it('gives BN-only numbers with sources for ResNet-866 and caveats for subsets', () => {
    const r = referencesFor({ ...DEFAULT_CONFIG, depth: 866 });
    expect(r.own.map((x) => [x.accuracy, x.source])).toEqual([[0.82, 'paper'], [0.7783, 'tf23']]);
    expect(r.other.map((x) => x.accuracy)).toEqual([0.93]);
    expect(r.caveats).toEqual([]);
    const small = referencesFor({ ...DEFAULT_CONFIG, trainSize: 5000, epochs: 2, mode: 'gamma' });
    expect(small.own).toEqual([]);
    expect(small.caveats.join(' ')).toMatch(/5,000.*2\b.*gamma/);
    expect(REFERENCE_NUMBERS.every((x) => x.accuracy > 0.4 && x.accuracy < 0.95)).toBe(true);
  });
});

describe('cost estimate', () => {
  it('scales a measured speed by MACs', () => {
    const cfg = { trainSize: 50_000, batchSize: 128, epochs: 160 };
    const est = estimateCost(cfg, 2e9, { imagesPerSecond: 100, macs: 1e9, backend: 'wasm' })!;
    expect(est.imagesPerSecond).toBe(50);
    expect(est.secondsPerEpoch).toBeCloseTo((391 * 128) / 50, 9);
    expect(est.totalSeconds).toBeCloseTo((391 * 160 * 128) / 50, 6);
    expect(est.basis).toBe('scaled');
    expect(costWarning(est)).toMatch(/per epoch/);
    expect(estimateCost(cfg, 1e9, null)).toBeNull();
    const quick = estimateCost({ trainSize: 1000, batchSize: 100, epochs: 1 }, 1e6, { imagesPerSecond: 1000, macs: 1e6, backend: 'wasm' })!;
    expect(quick.basis).toBe('measured');
    expect(quick.totalSeconds).toBe(1);
    expect(costWarning(quick)).toBeNull();
  });
  it('warns from the size alone before any measurement', () => {
    // ResNet-14 paper recipe: 3 × 26.7 M × 391 × 128 × 160 ≈ 6.4·10^14.
    expect(roughCostWarning({ trainSize: 50_000, batchSize: 128, epochs: 160 }, 26.7e6)).toMatch(/about 6\.4·10\^14 multiply-adds/);
    expect(roughCostWarning({ trainSize: 2000, batchSize: 50, epochs: 3 }, 2e6)).toBeNull();
  });
});

describe('run labels', () => {
  it('labels runs by what differs', () => {
    const a = { name: 'A', config: { ...DEFAULT_CONFIG } };
    const b = { name: 'B', config: { ...DEFAULT_CONFIG, mode: 'all' as const } };
    const c = { name: 'C', config: { ...DEFAULT_CONFIG, mode: 'all' as const } };
    expect(differingFields([a.config, b.config])).toEqual(['mode']);
    expect(diffLabels([a, b])).toEqual(['mode bn', 'mode all']);
    expect(diffLabels([a, b, c])).toEqual(['mode bn', 'mode all (B)', 'mode all (C)']);
    expect(diffLabels([a])).toEqual(['A']);
    expect(describeConfig({ ...DEFAULT_CONFIG, width: 8 })).toBe('ResNet-14×8 bn seed 0');
  });
});

describe('export', () => {
  const run = {
    steps: [{ step: 1, epoch: 0.5, lr: 0.1, loss: 2.3, accuracy: 0.1, imagesPerSecond: 50 }, { step: 2, epoch: 1, lr: 0.1, loss: 2.1, accuracy: 0.2, imagesPerSecond: 60 }],
    evals: [{ step: 2, epoch: 1, testLoss: 2.2, testAccuracy: 0.15, trainLoss: 2.2, trainAccuracy: 0.15, deadRelu: 0.25 }],
    bn: [{ step: 2, overall: { '0.01': 0.01, '0.05': 0.05, '0.1': 0.1 }, perLayer: [] }],
  };
  it('writes one CSV row per step with every column', () => {
    expect(metricsToCsv(run)).toBe(
      'step,epoch,lr,train_loss,train_accuracy,images_per_second,test_loss,test_accuracy,dead_relu,gamma_lt_0.01,gamma_lt_0.05,gamma_lt_0.1\n' +
      '1,0.5,0.1,2.3,0.1,50,,,,,,\n' +
      '2,1,0.1,2.1,0.2,60,2.2,0.15,0.25,0.01,0.05,0.1\n',
    );
  });
  it('writes JSON with typed arrays as arrays, and safe file names', () => {
    const json = JSON.parse(runToJson({ ...run, results: { samples: [{ image: new Uint8Array([1, 2]) }] } } as unknown as RunRecord));
    expect(json.results.samples[0].image).toEqual([1, 2]);
    expect(runFileStem({ name: 'ResNet-14 bn / seed 0', id: 'x' })).toBe('ResNet-14-bn-seed-0');
    expect(runFileStem({ name: '///', id: 'x' })).toBe('run-x');
  });
});

describe('format', () => {
  it('formats counts, bytes and durations', () => {
    expect(formatCount(175258)).toBe('175,258');
    expect(formatBytes(162_000_000)).toBe('162 MB');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatDuration(59.9)).toBe('59 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(7500)).toBe('2 h 05 min');
    expect(formatDuration(86400 * 3)).toBe('3.0 days');
  });
});
