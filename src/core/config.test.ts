import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, stepsPerEpoch, totalSteps, validateConfig } from './config.ts';
import { lrAt } from './train/schedule.ts';

describe('config validation', () => {
  it('keeps defaults and names each bad field', () => {
    const { config, issues } = validateConfig({ depth: 20, mode: 'bogus', lr: -1, colour: 'red', wdOnBn: 'yes' });
    expect(config).toEqual({ ...DEFAULT_CONFIG, depth: 20 });
    expect(issues.map((i) => i.field).sort()).toEqual(['colour', 'lr', 'mode', 'wdOnBn']);
    expect(issues.find((i) => i.field === 'lr')!.message).toMatch(/lr: -1 is outside/);
  });

  it('rejects depths not of the form 6N+2 and batches larger than the subset', () => {
    expect(validateConfig({ depth: 16 }).issues[0].message).toMatch(/6N\+2/);
    expect(validateConfig({ trainSize: 100, batchSize: 128 }).issues[0].field).toBe('batchSize');
  });

  it('counts 391 steps per epoch for the paper recipe', () => {
    expect(stepsPerEpoch(DEFAULT_CONFIG)).toBe(391);
    expect(totalSteps(DEFAULT_CONFIG)).toBe(391 * 160);
  });
});

describe('learning-rate schedules', () => {
  const p = { schedule: 'step' as const, lr: 0.1, totalSteps: 160, warmupSteps: 0 };
  it('step: ×0.1 at 50% and 75%', () => {
    expect(lrAt(79, p)).toBe(0.1);
    expect(lrAt(80, p)).toBeCloseTo(0.01, 12);
    expect(lrAt(119, p)).toBeCloseTo(0.01, 12);
    expect(lrAt(120, p)).toBeCloseTo(0.001, 12);
  });
  it('linear warm-up then cosine to zero', () => {
    const c = { schedule: 'cosine' as const, lr: 0.2, totalSteps: 110, warmupSteps: 10 };
    expect(lrAt(0, c)).toBeCloseTo(0.02, 12);
    expect(lrAt(9, c)).toBeCloseTo(0.2, 12);
    expect(lrAt(10, c)).toBeCloseTo(0.2, 12);
    expect(lrAt(60, c)).toBeCloseTo(0.1, 12);
    expect(lrAt(110, c)).toBeCloseTo(0, 12);
  });
});
