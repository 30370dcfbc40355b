/**
 * What BatchNorm did to the random features, from γ/β values read back to the host:
 * fraction of channels with |γ| < τ (overall and per layer), histograms, and the
 * activation-based dead-channel fraction. Pure functions; imports nothing from tfjs.
 */

/** Thresholds τ reported for |γ| < τ. */
export const GAMMA_THRESHOLDS = [0.01, 0.05, 0.1] as const;
export type ThresholdKey = '0.01' | '0.05' | '0.1';

/** Fractions keyed by τ as a string ("0.01", "0.05", "0.1"). */
export type FractionByTau = Record<ThresholdKey, number>;

/** Fixed-range histogram: `counts[i]` counts values in [edges[i], edges[i+1]); outliers clamp to the ends. */
export interface Histogram {
  edges: number[];
  counts: number[];
}

/** One BN layer's γ and β as read from the device. */
export interface BnLayerValues {
  name: string;
  gamma: Float32Array;
  beta: Float32Array;
}

/** Snapshot of BN parameters after some step. */
export interface BnSummary {
  /** Over every BN channel of the network. */
  overall: FractionByTau;
  /** Per BN layer, in network order. */
  perLayer: { name: string; fractions: FractionByTau }[];
  gammaHistogram: Histogram;
  betaHistogram: Histogram;
}

function fractions(values: Float32Array[]): FractionByTau {
  const out = { '0.01': 0, '0.05': 0, '0.1': 0 } as FractionByTau;
  let n = 0;
  for (const v of values) {
    n += v.length;
    for (let i = 0; i < v.length; i++) {
      const a = Math.abs(v[i]);
      for (const t of GAMMA_THRESHOLDS) if (a < t) out[String(t) as ThresholdKey]++;
    }
  }
  for (const t of GAMMA_THRESHOLDS) out[String(t) as ThresholdKey] = n ? out[String(t) as ThresholdKey] / n : 0;
  return out;
}

/** Histogram over [lo, hi) with `bins` equal bins. */
export function histogram(values: Float32Array[], lo: number, hi: number, bins: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (const v of values) {
    for (let i = 0; i < v.length; i++) {
      const b = Math.floor((v[i] - lo) / width);
      counts[Math.min(Math.max(b, 0), bins - 1)]++;
    }
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => lo + i * width), counts };
}

export function summariseBn(layers: BnLayerValues[]): BnSummary {
  const gammas = layers.map((l) => l.gamma);
  const betas = layers.map((l) => l.beta);
  return {
    overall: fractions(gammas),
    perLayer: layers.map((l) => ({ name: l.name, fractions: fractions([l.gamma]) })),
    gammaHistogram: histogram(gammas, -1, 2, 60),
    betaHistogram: histogram(betas, -1.5, 1.5, 60),
  };
}

/**
 * Fraction of channels that are zero for every image: `channelMax[i]` is the max over
 * batch and space of one post-ReLU channel.
 */
export function deadFraction(channelMax: Float32Array): number {
  let dead = 0;
  for (let i = 0; i < channelMax.length; i++) if (channelMax[i] <= 0) dead++;
  return channelMax.length ? dead / channelMax.length : 0;
}
