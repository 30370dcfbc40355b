/**
 * "Can this backend train this mode" from the kernels a real step runs: profiled on cpu,
 * looked up in each backend's kernel registry (wasm's is filled by importing its package;
 * no wasm binary is loaded).
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FREEZE_MODES } from '../core/config.ts';
import { modeSupport, profileModeKernels, type ModeKernels } from './modeKernels.ts';

describe('modeSupport', () => {
  let kernels: ModeKernels;
  beforeAll(async () => {
    kernels = await profileModeKernels();
  });

  it('lists the kernels a step runs: frozen needs no gradient kernels, all needs more than bn', () => {
    expect(kernels.bn).toEqual(expect.arrayContaining(['Conv2D', 'Relu', 'OneHot']));
    expect(kernels.frozen.length).toBeLessThan(kernels.bn.length);
    expect(kernels.bn.every((k) => kernels.all.includes(k))).toBe(true);
  });

  it('cpu and wasm can train every mode; a backend whose package is not loaded can train none, naming what is missing', () => {
    for (const m of FREEZE_MODES) {
      expect(modeSupport(kernels, 'cpu', m)).toEqual({ ok: true, missing: [] });
      expect(modeSupport(kernels, 'wasm', m), m).toEqual({ ok: true, missing: [] });
    }
    const gl = modeSupport(kernels, 'webgl', 'bn');
    expect(gl.ok).toBe(false);
    expect(gl.missing).toEqual(kernels.bn);
  });
});
