/**
 * The benchmark's arithmetic and formatting against small cases worked out by hand:
 * medians, images/s, the paired bn/all ratio, the reference ratio, kernel aggregation and
 * the text tables; and the option parser's defaults, products and rejections.
 */
import { describe, expect, it } from 'vitest';
import type { BenchCaseResult } from '../../src/protocol/messages.ts';
import { aggregateKernels } from '../../src/worker/benchmark.ts';
import { parseBenchArgs, UsageError } from './benchArgs.ts';
import { emptyRow, formatProfile, formatRows, formatTable, median, modeRatios, referenceRatios, rowOf } from './benchTable.ts';

function result(mode: 'bn' | 'all', stepMs: number[], over: Partial<BenchCaseResult> = {}): BenchCaseResult {
  return {
    case: { depth: 14, width: 16, mode, batchSize: 128 }, trainableParams: 1120, macsPerImage: 26.7e6,
    warmupMs: [900, 500], stepMs, stoppedBy: 'steps', tensorsBefore: 300, tensorsAfter: 300,
    bytesBefore: 3 * 2 ** 20, bytesAfter: 3 * 2 ** 20, lastLoss: 2.31, ...over,
  };
}

describe('statistics', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('a row: images/s from the median step, first step from the first warm-up', () => {
    const r = rowOf('wasm', result('bn', [1000, 1600, 800])); // median 1000 ms → 128 img/s
    expect(r.imagesPerSecond).toBeCloseTo(128, 10);
    expect(r.medianStepMs).toBe(1000);
    expect([r.minStepMs, r.maxStepMs, r.firstStepMs, r.steps]).toEqual([800, 1600, 900, 3]);
    expect(r.model).toBe('ResNet-14');
    expect(r.note).toBeUndefined();
  });

  it('a row stopped by the time cap or by an error says so', () => {
    expect(rowOf('cpu', result('all', [4000], { stoppedBy: 'time' })).note).toBe('--max-seconds stopped it after 1 steps');
    const bad = rowOf('wasm', result('all', [], { stoppedBy: 'error', error: { name: 'UnsupportedError', message: 'no Conv2DBackpropFilter\nmore' } }));
    expect(bad.note).toBe('UnsupportedError: no Conv2DBackpropFilter');
    expect(bad.imagesPerSecond).toBeNull();
  });

  it('bn/all ratio is the median of per-round ratios, over the rounds both took', () => {
    const ratios = modeRatios([
      { backend: 'wasm', result: result('bn', [500, 600, 900, 100]) },
      { backend: 'wasm', result: result('all', [1000, 1000, 1000]) },
      { backend: 'cpu', result: result('bn', [1]) }, // no `all` on cpu: no ratio
    ]);
    // rounds: 0.5, 0.6, 0.9 → median 0.6; the 4th bn step has no partner.
    expect(ratios).toEqual([{ backend: 'wasm', model: 'ResNet-14', batch: 128, bnOverAll: 0.6, pairs: 3 }]);
  });

  it('reference ratio matches on model, mode and batch', () => {
    const ours = rowOf('webgpu', result('bn', [100])); // 1280 img/s
    const ref = { ...emptyRow('cuda', ours as never, ''), depth: 14, width: 16, mode: 'bn', batch: 128, imagesPerSecond: 6400 };
    const other = { ...ref, mode: 'all', imagesPerSecond: 1 };
    const cmp = referenceRatios([ours], [other, ref]);
    expect(cmp).toHaveLength(1);
    expect(cmp[0].ratio).toBeCloseTo(0.2, 10);
  });
});

describe('kernel profile', () => {
  it('sums per kernel, drops named scopes, sorts slowest first', () => {
    const kernels = [
      { name: 'Conv2D', kernelTimeMs: 10 }, { name: 'Multiply', kernelTimeMs: 1 }, { name: 'Conv2D', kernelTimeMs: 5 },
      { name: 'batchNormTrain', kernelTimeMs: 40 }, { name: 'Multiply', kernelTimeMs: 2 }, { name: 'Add', kernelTimeMs: { error: 'x' } },
    ];
    const agg = aggregateKernels(kernels, (n) => n !== 'batchNormTrain');
    expect(agg.timed).toBe(true);
    expect(agg.kernels).toEqual([
      { name: 'Conv2D', totalMs: 15, count: 2 }, { name: 'Multiply', totalMs: 3, count: 2 }, { name: 'Add', totalMs: 0, count: 1 },
    ]);
    const text = formatProfile('wasm', { wallMs: 36, ...agg }).split('\n');
    expect(text[0]).toBe('wasm: profiled step 36 ms wall, kernels 18 ms in 5 calls');
    // Conv2D: 15 of 18 kernel ms = 83.3%, 15 of 36 wall ms = 41.7%.
    expect(text[3]).toMatch(/^1 +Conv2D +15\.0 +2 +83\.3 +41\.7$/);
  });

  it('untimed backends (no timestamp queries) are flagged', () => {
    const agg = aggregateKernels([{ name: 'Conv2D', kernelTimeMs: 0 }], () => true);
    expect(agg.timed).toBe(false);
    expect(formatProfile('webgpu', { wallMs: 5, ...agg })).toContain('counts only');
  });
});

describe('tables', () => {
  it('aligns text left and numbers right, with - for missing values', () => {
    expect(formatTable(['name', 'n'], [['a', 1], ['bbb', null]], [false, true])).toBe('name  n\n----  -\na     1\nbbb   -');
  });

  it('the main table has a long-task column only for browser rows', () => {
    const row = rowOf('wasm', result('bn', [1000]));
    expect(formatRows([row]).split('\n')[0]).not.toContain('long task');
    const lines = formatRows([{ ...row, longestTaskMs: 12.4 }]).split('\n');
    expect(lines[0]).toContain('long task ms');
    expect(lines[2]).toMatch(/^wasm +ResNet-14 +bn +128 +128\.0 +1000 +1000–1000 +900 +1 +300→300 +3\.0→3\.0 +12$/);
  });
});

describe('options', () => {
  it('defaults: ResNet-14 and 32 × bn, all at batch 128; wasm in Node, every backend in the browser', () => {
    const n = parseBenchArgs([], 'node');
    expect(n.cases.map((c) => `${c.depth}/${c.mode}/${c.batchSize}`)).toEqual(['14/bn/128', '14/all/128', '32/bn/128', '32/all/128']);
    expect(n.backends).toEqual(['wasm']);
    expect(n.options).toEqual({ warmupSteps: 1, steps: 10, maxSeconds: 60, profile: false, seed: 0 });
    const b = parseBenchArgs([], 'browser');
    expect(b.backends).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(b.allowSoftwareWebgpu).toBe(false);
    expect(b.build).toBe(true);
  });

  it('--quick is ResNet-8, batch 16, 2 steps; explicit flags still win', () => {
    const q = parseBenchArgs(['--quick', '--steps', '3'], 'browser');
    expect(q.cases.map((c) => `${c.depth}/${c.mode}/${c.batchSize}`)).toEqual(['8/bn/16', '8/all/16']);
    expect(q.options.steps).toBe(3);
    expect(q.allowSoftwareWebgpu).toBe(true);
  });

  it('lists, run order and --webgpu', () => {
    const a = parseBenchArgs(['--depth', '20', '--batch', '32,64', '--mode', 'bn', '--backends', 'cpu,wasm', '--webgpu', '--max-seconds', '2.5'], 'node');
    expect(a.cases.map((c) => `${c.depth}/${c.batchSize}`)).toEqual(['20/32', '20/64']);
    expect(a.backends).toEqual(['wasm', 'cpu', 'webgpu']);
    expect(a.options.maxSeconds).toBe(2.5);
    expect(parseBenchArgs(['--backends', 'webgpu'], 'browser').allowSoftwareWebgpu).toBe(true);
  });

  it('rejects bad values naming the flag', () => {
    const bad = (argv: string[], tool: 'node' | 'browser' = 'node') => () => parseBenchArgs(argv, tool);
    expect(bad(['--depth', '15'])).toThrow(/--depth: 15 is not of the form 6N\+2/);
    expect(bad(['--mode', 'bn,most'])).toThrow(/--mode: expected one of all, bn, .*, got "most"/);
    expect(bad(['--width', '0x10'])).toThrow(/--width: "0x10" is not a number/);
    expect(bad(['--batch', '1'])).toThrow(/--batch: 1 is outside 2…1024/);
    expect(bad(['--steps', 'x'])).toThrow(/--steps: expected a whole number/);
    expect(bad(['--backends', 'webgl'])).toThrow(/--backends: "webgl" is not one of wasm, cpu, webgpu/);
    expect(bad(['--webgpu'], 'browser')).toThrow(/--webgpu is an option of the bench:node tool only/);
    expect(bad(['--frobnicate'])).toThrow(UsageError);
  });
});
