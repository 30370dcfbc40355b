import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config.ts';
import { experimentProblems, parseExperimentFile, parseVaried, planRuns, runCount, type ExperimentSpec } from './experiment.ts';
import { gammaZeroAtInit, stat, summarize, summaryToCsv, tidyNumber } from './experimentSummary.ts';

const spec = (over: Partial<ExperimentSpec> = {}): ExperimentSpec => ({
  name: 'modes', base: { ...DEFAULT_CONFIG, depth: 8, width: 4, trainSize: 200, testSize: 100, epochs: 1, batchSize: 50 },
  vary: [{ field: 'mode', values: ['bn', 'output'] }], seeds: 2, ...over,
});

describe('experiment plan', () => {
  it('expands seeds outermost, the first varied field slowest', () => {
    const runs = planRuns(spec({ vary: [{ field: 'mode', values: ['bn', 'output'] }, { field: 'depth', values: [8, 14] }] }));
    expect(runs.map((r) => r.key)).toEqual([
      'mode=bn,depth=8,seed=0', 'mode=bn,depth=14,seed=0', 'mode=output,depth=8,seed=0', 'mode=output,depth=14,seed=0',
      'mode=bn,depth=8,seed=1', 'mode=bn,depth=14,seed=1', 'mode=output,depth=8,seed=1', 'mode=output,depth=14,seed=1',
    ]);
    expect(runs[5].config).toMatchObject({ mode: 'bn', depth: 14, seed: 1, width: 4 });
    expect(runs[5].label).toBe('mode bn, ResNet-14, seed 1');
    expect(runs[5].cell).toBe('mode=bn,depth=14');
    expect(runCount(spec())).toBe(4);
  });

  it('starts its seeds at the base seed and handles no varied field', () => {
    const runs = planRuns(spec({ vary: [], seeds: 3, base: { ...DEFAULT_CONFIG, seed: 10 } }));
    expect(runs.map((r) => [r.key, r.cell])).toEqual([['seed=10', ''], ['seed=11', ''], ['seed=12', '']]);
  });

  it('reads varied values as text by field name or flag, and names what is wrong', () => {
    expect(parseVaried('batch', '32, 64')).toEqual({ varied: { field: 'batchSize', values: [32, 64] } });
    expect(parseVaried('wd-bn', 'on,off')).toEqual({ varied: { field: 'wdOnBn', values: [true, false] } });
    expect(parseVaried('depth', '14,15')).toEqual({ varied: { field: 'depth', values: [14, 15] } }); // 6N+2 is a run-level check
    expect(parseVaried('depth', '14,14')).toEqual({ reason: 'depth: 14 is listed twice' });
    expect(parseVaried('colour', 'red')).toEqual({ reason: '"colour" is not a config field' });
    expect(parseVaried('mode', 'bn,all,xx')).toMatchObject({ reason: expect.stringMatching(/^mode: expected one of .* got "xx"$/) });
    expect(parseVaried('lr', '')).toEqual({ reason: 'lr: no values' });
  });

  it('checks every run and the limits', () => {
    expect(experimentProblems(spec())).toEqual([]);
    expect(experimentProblems(spec({ vary: [{ field: 'depth', values: [8, 15] }] }))).toEqual([
      'run ResNet-15, seed 0: depth: 15 is not of the form 6N+2 (e.g. 14, 20, 32, 56, 110)',
      'run ResNet-15, seed 1: depth: 15 is not of the form 6N+2 (e.g. 14, 20, 32, 56, 110)',
    ]);
    expect(experimentProblems(spec({ vary: [{ field: 'batchSize', values: [50, 400] }], seeds: 1 }))).toEqual([
      'run batch 400, seed 0: batchSize: 400 is larger than the training subset (200)',
    ]);
    expect(experimentProblems(spec({ seeds: 0 }))).toEqual(['seeds: 0 is outside 1…32']);
    const many = Array.from({ length: 16 }, (_, i) => 0.01 * (i + 1));
    expect(experimentProblems(spec({ vary: [{ field: 'lr', values: many }, { field: 'momentum', values: many }], seeds: 2 }))).toEqual([
      '512 runs, at most 256: fewer values or seeds',
    ]);
  });

  it('reads experiment files and names every problem', () => {
    const ok = parseExperimentFile({ version: 1, name: 'x', base: { depth: 8, width: 4, trainSize: 200, batchSize: 50 }, vary: [{ field: 'mode', values: ['bn', 'all'] }], seeds: 2 });
    expect(ok).toMatchObject({ spec: { name: 'x', seeds: 2, base: { depth: 8, width: 4, seed: 0 }, vary: [{ field: 'mode', values: ['bn', 'all'] }] } });
    expect(parseExperimentFile({ version: 2, base: { depth: 15 }, vary: {}, colour: 1 })).toEqual({
      problems: [
        'unknown key "colour" (known: version, name, base, vary, seeds)',
        'version: expected 1, got 2',
        'base.depth: 15 is not of the form 6N+2 (e.g. 14, 20, 32, 56, 110)',
        'vary: expected a list of {"field": …, "values": [...]}',
      ],
    });
    expect(parseExperimentFile([])).toEqual({ problems: ['an experiment file holds one JSON object'] });
  });
});

describe('experiment summary', () => {
  it('mean and sample sd', () => {
    expect(stat([0.4, 0.5, 0.6])).toEqual({ mean: 0.5, sd: expect.closeTo(0.1, 12), n: 3 });
    expect(stat([0.3])).toEqual({ mean: 0.3, sd: null, n: 1 });
    expect(stat([])).toBeNull();
    expect(tidyNumber(0.10000000149011612)).toBe(0.1);
  });

  it('γ at initialisation: U[0,1) gives about τ, ones give none', () => {
    const u = gammaZeroAtInit({ ...DEFAULT_CONFIG, depth: 32 });
    expect(u['0.1']).toBeGreaterThan(0.07);
    expect(u['0.1']).toBeLessThan(0.13);
    expect(gammaZeroAtInit({ ...DEFAULT_CONFIG, gammaInit: 'ones' })).toEqual({ '0.01': 0, '0.05': 0, '0.1': 0 });
    expect(gammaZeroAtInit({ ...DEFAULT_CONFIG, mode: 'no-affine' })['0.1']).toBe(0);
  });

  it('one row per combination over its completed seeds, as CSV too', () => {
    const s = spec();
    const gz = (f: number) => ({ '0.01': f / 10, '0.05': f / 2, '0.1': f });
    const rows = summarize(s, [
      { key: 'mode=bn,seed=0', testAccuracy: 0.3, gammaZero: gz(0.2), seconds: 10, completed: true },
      { key: 'mode=bn,seed=1', testAccuracy: 0.4, gammaZero: gz(0.4), seconds: 12, completed: true },
      { key: 'mode=output,seed=0', testAccuracy: 0.2, gammaZero: gz(0.1), seconds: 5, completed: true },
      { key: 'mode=output,seed=1', testAccuracy: 0.9, gammaZero: gz(0.1), seconds: 1, completed: false },
    ]);
    expect(rows.map((r) => [r.label, r.trainableParams, r.testAccuracy, r.completed, r.planned])).toEqual([
      ['mode bn', 168, { mean: 0.35, sd: expect.closeTo(Math.SQRT1_2 * 0.1, 12), n: 2 }, 2, 2],
      ['mode output', 170, { mean: 0.2, sd: null, n: 1 }, 1, 2],
    ]);
    expect(rows[0].gammaZero!['0.1'].mean).toBeCloseTo(0.3, 12);
    expect(rows[0].seconds).toEqual({ mean: 11, sd: expect.any(Number), n: 2 });
    const csv = summaryToCsv(s, rows).trim().split('\n');
    expect(csv[0]).toBe('mode,trainable_params,test_acc_mean,test_acc_sd,n,planned,gamma_lt_0.01_end,gamma_lt_0.01_init,gamma_lt_0.05_end,gamma_lt_0.05_init,gamma_lt_0.1_end,gamma_lt_0.1_init,seconds_mean');
    expect(csv[2].split(',').slice(0, 6)).toEqual(['output', '170', '0.2', '', '1', '2']);
  });
});
