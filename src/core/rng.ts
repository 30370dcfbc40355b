/**
 * Seeded pseudo-random numbers: the only source of randomness in the project.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter, as in PractRand) seeded through
 * splitmix32. Ten lines of well-known integer arithmetic give bit-identical streams in
 * every JS engine, which a backend RNG cannot; a library would add nothing here.
 * Imports nothing.
 */

/** A stream of numbers fully determined by its seed. */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextU32(): number;
  /** Uniform float in [0, 1) with 32 bits of randomness. */
  uniform(): number;
  /** Standard normal (Box–Muller, both values used). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a generator from a seed and an optional stream name, so that independent
 * uses (initialisation, data order, augmentation, masks) never share a stream.
 */
export function createRng(seed: number, stream = ''): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  const sm = splitmix32(h ^ 0x5bd1e995);
  let a = sm(), b = sm(), c = sm(), d = sm();
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextU32();
  let spare: number | null = null;
  const uniform = (): number => nextU32() / 4294967296;
  return {
    nextU32,
    uniform,
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = uniform();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * uniform();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    int(n: number) {
      return Math.floor(uniform() * n);
    },
  };
}

/** Fisher–Yates shuffle of 0..n-1 driven by `rng`. */
export function permutation(n: number, rng: Rng): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
