/**
 * The one rule that decides what trains in each freezing mode, and the counts it implies.
 * `random-k` also gets its seeded masks here. Imports no tfjs.
 */
import type { ExperimentConfig, FreezeMode } from '../config.ts';
import { createRng } from '../rng.ts';
import type { ParamKind, ParamSpec, ResNetSpec } from './spec.ts';

/** What each mode trains; `random-k` trains masked entries of every conv instead. */
const TRAINS: Record<Exclude<FreezeMode, 'random-k'>, readonly ParamKind[]> = {
  all: ['conv', 'gamma', 'beta', 'dense-w', 'dense-b'],
  bn: ['gamma', 'beta'],
  'bn+output': ['gamma', 'beta', 'dense-w', 'dense-b'],
  output: ['dense-w', 'dense-b'],
  gamma: ['gamma'],
  beta: ['beta'],
  'no-affine': ['conv', 'dense-w', 'dense-b'],
  frozen: [],
};

/** The one rule: does `mode` train parameters of `kind` (in random-k: some entries of each conv)? */
export function modeTrains(mode: FreezeMode, kind: ParamKind): boolean {
  return mode === 'random-k' ? kind === 'conv' : TRAINS[mode].includes(kind);
}

/** How one parameter trains. `mask` (random-k) has 1 where the entry trains. */
export interface ParamRole {
  spec: ParamSpec;
  trainable: boolean;
  mask?: Uint8Array;
  /** Entries that change: size, mask count, or 0. */
  trainableCount: number;
}

export interface Partition {
  roles: ParamRole[];
  trainable: number;
  total: number;
  /** Per-kind trainable counts, for the printout. */
  byKind: Record<ParamKind, number>;
  /** Effective k in random-k (capped by the smallest fan-in), else 0. */
  k: number;
}

/**
 * k distinct entries of each output channel's fan-in, chosen from the seed. HWIO layout:
 * entry (fanInIndex, out) lives at fanInIndex·cout + out.
 */
export function randomKMask(p: ParamSpec, k: number, seed: number): Uint8Array {
  const cout = p.shape[p.shape.length - 1];
  const mask = new Uint8Array(p.size);
  const rng = createRng(seed, `mask:${p.name}`);
  const kk = Math.min(k, p.fanIn);
  const pool = new Uint32Array(p.fanIn);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < p.fanIn; i++) pool[i] = i;
    for (let i = 0; i < kk; i++) {
      const j = i + rng.int(p.fanIn - i);
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      mask[pool[i] * cout + o] = 1;
    }
  }
  return mask;
}

/**
 * Entries random-k trains, without building masks: each conv output channel trains
 * min(k, fan-in) distinct weights (what randomKMask marks; a test checks they agree).
 */
export function randomKCount(spec: ResNetSpec, k: number): number {
  return spec.params.filter((p) => p.kind === 'conv').reduce((a, p) => a + p.shape[3] * Math.min(k, p.fanIn), 0);
}

/** Trainable entries of a mode, cheap for any depth (no masks are built). */
export function trainableCount(spec: ResNetSpec, cfg: Pick<ExperimentConfig, 'mode' | 'k'>): number {
  if (cfg.mode === 'random-k') return randomKCount(spec, cfg.k);
  return spec.params.filter((p) => modeTrains(cfg.mode, p.kind)).reduce((a, p) => a + p.size, 0);
}

export function partitionParams(
  spec: ResNetSpec,
  cfg: Pick<ExperimentConfig, 'mode' | 'k' | 'seed'>,
): Partition {
  const byKind: Record<ParamKind, number> = { conv: 0, gamma: 0, beta: 0, 'dense-w': 0, 'dense-b': 0 };
  let k = 0;
  const roles = spec.params.map((p): ParamRole => {
    if (cfg.mode === 'random-k') {
      if (p.kind !== 'conv') return { spec: p, trainable: false, trainableCount: 0 };
      const mask = randomKMask(p, cfg.k, cfg.seed);
      const count = mask.reduce((a, b) => a + b, 0);
      k = k === 0 ? Math.min(cfg.k, p.fanIn) : Math.min(k, p.fanIn, cfg.k);
      byKind.conv += count;
      return { spec: p, trainable: true, mask, trainableCount: count };
    }
    const trainable = modeTrains(cfg.mode, p.kind);
    if (trainable) byKind[p.kind] += p.size;
    return { spec: p, trainable, trainableCount: trainable ? p.size : 0 };
  });
  return {
    roles,
    trainable: roles.reduce((a, r) => a + r.trainableCount, 0),
    total: spec.params.reduce((a, p) => a + p.size, 0),
    byKind,
    k,
  };
}

/** `no-affine` pins γ=1 and β=0 whatever the γ init setting says. */
export function effectiveGammaInit(cfg: Pick<ExperimentConfig, 'mode' | 'gammaInit'>): ExperimentConfig['gammaInit'] {
  return cfg.mode === 'no-affine' ? 'ones' : cfg.gammaInit;
}
