/**
 * The backend plan as a pure function: what auto picks for each kind of adapter and mode,
 * what a forced choice warns about, and the throttling rule.
 */
import { describe, expect, it } from 'vitest';
import type { BackendName, FreezeMode } from '../protocol/messages.ts';
import { isSoftwareAdapter, planBackend, type AdapterProbe, type SupportFn } from './backendChoice.ts';
import { ThrottleDetector } from './throttle.ts';

const ALL: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
const swiftshader: AdapterProbe = { adapter: { vendor: 'google', architecture: 'swiftshader', description: '' }, software: true };
const realGpu: AdapterProbe = { adapter: { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' }, software: false };
const none: AdapterProbe = { adapter: null, software: false, note: 'navigator.gpu is missing' };

/** tfjs 4.22 today: wasm has no Conv2DBackpropFilter, so modes that train conv filters cannot run there. */
const TRAINS_CONV: FreezeMode[] = ['all', 'random-k', 'no-affine'];
const today: SupportFn = (b, m) => (b === 'wasm' && TRAINS_CONV.includes(m) ? { ok: false, missing: ['Conv2DBackpropFilter'] } : { ok: true, missing: [] });

describe('planBackend', () => {
  it('auto on a software adapter picks wasm for BN-only and says why', () => {
    const p = planBackend('auto', 'bn', swiftshader, today, ALL);
    expect(p.candidates).toEqual(['wasm', 'webgl', 'cpu']);
    expect(p.reason).toBe('the only WebGPU adapter is software (google swiftshader); wasm is the fastest CPU path (~20x faster than emulated WebGPU) and can train mode bn');
    expect(p.forced).toBe(false);
  });

  it('auto falls to WebGL when wasm lacks a kernel the mode needs, naming it', () => {
    const p = planBackend('auto', 'all', swiftshader, today, ALL);
    expect(p.candidates).toEqual(['webgl', 'cpu']);
    expect(p.reason).toContain('wasm cannot train mode all (no Conv2DBackpropFilter kernel)');
    expect(p.reason).toContain('WebGL is next in line');
  });

  it('auto with no adapter says so', () => {
    expect(planBackend('auto', 'output', none, today, ['wasm', 'cpu']).reason).toMatch(/^there is no WebGPU adapter \(navigator.gpu is missing\); wasm/);
  });

  it('auto takes WebGPU on a real GPU', () => {
    const p = planBackend('auto', 'all', realGpu, today, ALL);
    expect(p.candidates[0]).toBe('webgpu');
    expect(p.reason).toBe('WebGPU on a GPU (nvidia hopper NVIDIA H200)');
  });

  it('once wasm has every kernel (forward-conv filter gradients), auto picks it for every mode', () => {
    const future: SupportFn = () => ({ ok: true, missing: [] });
    for (const m of ['all', 'bn', 'no-affine'] as FreezeMode[]) expect(planBackend('auto', m, swiftshader, future, ALL).candidates[0]).toBe('wasm');
  });

  it('a forced backend is the only candidate, with a warning when slow or unable', () => {
    const gpu = planBackend('webgpu', 'bn', swiftshader, today, ALL);
    expect(gpu).toMatchObject({ candidates: ['webgpu'], forced: true, reason: 'forced by the setting backend=webgpu' });
    expect(gpu.warning).toMatch(/emulated on the CPU here \(google swiftshader\): expect it to be about 20x slower than wasm/);
    expect(planBackend('wasm', 'all', swiftshader, today, ALL).warning).toBe('wasm cannot train mode all (no Conv2DBackpropFilter kernel)');
    expect(planBackend('wasm', 'bn', swiftshader, today, ALL).warning).toBeUndefined();
  });

  it('no candidate when nothing can train the mode', () => {
    const p = planBackend('auto', 'all', swiftshader, () => ({ ok: false, missing: ['X'] }), ['wasm']);
    expect(p.candidates).toEqual([]);
    expect(p.reason).toMatch(/^no backend can train mode all/);
  });
});

describe('isSoftwareAdapter', () => {
  it('knows SwiftShader, llvmpipe and fallback adapters from real GPUs', () => {
    expect(isSoftwareAdapter({ vendor: 'google', architecture: 'swiftshader', description: '' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'mesa', architecture: '', description: 'llvmpipe (LLVM 15.0.7, 256 bits)' })).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'x', architecture: 'y', description: '' }, true)).toBe(true);
    expect(isSoftwareAdapter({ vendor: 'nvidia', architecture: 'hopper', description: '' })).toBe(false);
  });
});

describe('ThrottleDetector', () => {
  it('flags a hidden tab whose steps come 3x slower than the visible baseline, and clears when visible', () => {
    const d = new ThrottleDetector();
    d.setHidden(false, 0, 0);
    expect(d.observe(1000, 10)).toBe(false); // 100 ms/step visible
    d.setHidden(true, 1000, 10);
    expect(d.observe(3000, 20)).toBe(false); // 200 ms/step hidden: slower, not throttled
    expect(d.observe(7000, 30)).toBe(true); // 400 ms/step hidden: throttled
    d.setHidden(false, 7000, 30);
    expect(d.throttled).toBe(false);
    expect(d.observe(17000, 40)).toBe(false); // slow but visible: the model, not the browser
  });
});
