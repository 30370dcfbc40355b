import { describe, expect, it } from 'vitest';
import { CONFIG_FIELD_NAMES, CONFIG_FIELDS, DEFAULT_CONFIG } from '../../core/config.ts';
import { EXPERIMENT_FIELDS } from '../../core/experiment.ts';
import { BACKEND_KEY, decodeUrlState, defaultUrlState, encodeUrlState, type UrlState } from './codec.ts';

describe('URL codec', () => {
  it('writes only non-default values, the version and always the seed', () => {
    expect(encodeUrlState(defaultUrlState())).toBe('v=1&s=0');
    const s = defaultUrlState();
    s.config.depth = 32;
    s.config.mode = 'all';
    s.config.seed = 7;
    s.config.lr = 0.05;
    expect(encodeUrlState(s)).toBe('v=1&d=32&m=all&lr=0.05&s=7');
  });

  it('round-trips every field exactly', () => {
    const s: UrlState = {
      config: {
        depth: 20, width: 8, mode: 'random-k', k: 3, epochs: 0.5, batchSize: 64, lr: 0.0123456789, momentum: 0.95,
        weightDecay: 5e-4, wdOnBn: false, gammaInit: 'ones', schedule: 'cosine', warmupEpochs: 1.5, seed: 4294967295,
        trainSize: 5000, testSize: 1000, augment: false,
      },
      settings: { backend: 'wasm' },
      experiment: { vary: [{ field: 'mode', values: ['bn', 'random-k', 'output'] }, { field: 'wdOnBn', values: [true, false] }], seeds: 3 },
      run: true, embed: true, hide: ['recipe', 'runs'],
    };
    const text = encodeUrlState(s);
    const back = decodeUrlState(text);
    expect(back.ignored).toEqual([]);
    expect(back.state).toEqual(s);
    expect(text).toContain('run=1');
    expect(text).toContain('hide=recipe%2Cruns');
    expect(new URLSearchParams(text).get('x')).toBe('mode:bn,random-k,output;wdOnBn:1,0');
    expect(new URLSearchParams(text).get('ns')).toBe('3');
  });

  it('has one key per config field, distinct from the settings, experiment and page keys', () => {
    const keys = [...CONFIG_FIELD_NAMES.map((f) => CONFIG_FIELDS[f].url), BACKEND_KEY, EXPERIMENT_FIELDS.vary.url, EXPERIMENT_FIELDS.seeds.url, 'v', 'run', 'embed', 'hide'];
    expect(CONFIG_FIELD_NAMES.sort()).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads an experiment link: varied fields by name or flag, seeds; reports bad parts', () => {
    const { state, ignored } = decodeUrlState('d=20&x=batch:32,64;mode:bn,nope&ns=2');
    expect(state.experiment).toEqual({ vary: [{ field: 'batchSize', values: [32, 64] }], seeds: 2 });
    expect(ignored).toEqual([expect.objectContaining({ key: 'x', value: 'mode:bn,nope', reason: expect.stringMatching(/mode: expected one of/) })]);
    expect(decodeUrlState('x=seed:1,2').ignored[0].reason).toMatch(/seeds=N/);
    expect(decodeUrlState('ns=0').ignored[0].reason).toMatch(/seeds: expected a whole number 1…32/);
    expect(decodeUrlState('d=20').state.experiment).toBeNull();
  });

  it('quotes an over-long value briefly and says it is out of range', () => {
    const { ignored } = decodeUrlState(`b=${'9'.repeat(400)}`);
    expect(ignored[0].reason).toBe('batchSize: "9999999999…9999999999 (400 characters)" is outside 2…1024');
  });

  it('reports garbage and falls back to defaults without throwing', () => {
    const { state, ignored } = decodeUrlState('?v=1&d=15&w=abc&m=nonsense&lr=99&zz=3&s=12&be=tpu&run=maybe&hide=runs,bogus&b=%201');
    expect(state.config).toEqual({ ...DEFAULT_CONFIG, seed: 12 });
    expect(state.settings.backend).toBe('auto');
    expect(state.run).toBe(false);
    expect(state.hide).toEqual(['runs']);
    const byKey = Object.fromEntries(ignored.map((i) => [i.key === 'hide' ? `hide:${i.value}` : i.key, i]));
    expect(Object.keys(byKey).sort()).toEqual(['b', 'be', 'd', 'hide:bogus', 'lr', 'm', 'run', 'w', 'zz'].sort());
    expect(byKey.d.reason).toMatch(/6N\+2/);
    expect(byKey.lr.reason).toMatch(/99 is outside/);
    expect(byKey.w.reason).toMatch(/not a number/);
    expect(byKey.zz.reason).toBe('unknown setting');
    expect(byKey.d.value).toBe('15');
  });

  it('rejects a batch larger than the subset at the batch key', () => {
    const { state, ignored } = decodeUrlState('tr=100&b=128');
    expect(state.config.trainSize).toBe(100);
    expect(state.config.batchSize).toBe(100);
    expect(ignored).toEqual([expect.objectContaining({ key: 'b', value: '128' })]);
  });

  it('notes a newer version and a repeated key, still reading the rest', () => {
    const { state, ignored } = decodeUrlState('v=2&d=32&d=56');
    expect(state.config.depth).toBe(32);
    expect(ignored.map((i) => i.key)).toEqual(['v', 'd']);
  });

  it('accepts fractional and exponent numbers but not hex or empty', () => {
    expect(decodeUrlState('wd=1e-3').state.config.weightDecay).toBe(0.001);
    expect(decodeUrlState('ep=.5').state.config.epochs).toBe(0.5);
    expect(decodeUrlState('d=0x20').ignored).toHaveLength(1);
    expect(decodeUrlState('d=').ignored).toHaveLength(1);
  });
});
