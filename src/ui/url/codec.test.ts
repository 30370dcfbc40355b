import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config.ts';
import { decodeUrlState, defaultUrlState, encodeUrlState, URL_FIELDS, type UrlState } from './codec.ts';

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
      run: true, embed: true, hide: ['recipe', 'runs'],
    };
    const text = encodeUrlState(s);
    const back = decodeUrlState(text);
    expect(back.ignored).toEqual([]);
    expect(back.state).toEqual(s);
    expect(text).toContain('run=1');
    expect(text).toContain('hide=recipe%2Cruns');
  });

  it('has one row per config field with distinct keys', () => {
    const fields = URL_FIELDS.map((f) => f.field).filter((f) => f !== 'backend').sort();
    expect(fields).toEqual(Object.keys(DEFAULT_CONFIG).sort());
    expect(new Set(URL_FIELDS.map((f) => f.key)).size).toBe(URL_FIELDS.length);
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
