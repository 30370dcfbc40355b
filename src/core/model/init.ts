/**
 * Seeded initial values as plain Float32Arrays, generated in TypeScript so that a seed fixes
 * the frozen network on every backend and machine. Each parameter draws from its own named
 * stream, so values do not depend on construction order. Imports no tfjs.
 */
import { createRng } from '../rng.ts';
import type { GammaInit } from '../config.ts';
import type { ParamSpec } from './spec.ts';

/** Kaiming-normal fan_in for conv/dense weights, U(±1/√fan_in) dense bias, γ per `gammaInit`, β = 0. */
export function initialValues(p: ParamSpec, seed: number, gammaInit: GammaInit): Float32Array {
  const out = new Float32Array(p.size);
  const rng = createRng(seed, `init:${p.name}`);
  switch (p.kind) {
    case 'conv':
    case 'dense-w': {
      const std = Math.sqrt(2 / p.fanIn);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
      break;
    }
    case 'dense-b': {
      const bound = 1 / Math.sqrt(p.fanIn);
      for (let i = 0; i < out.length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
      break;
    }
    case 'gamma':
      if (gammaInit === 'ones') out.fill(1);
      else for (let i = 0; i < out.length; i++) out[i] = rng.uniform();
      break;
    case 'beta':
      break;
  }
  return out;
}
