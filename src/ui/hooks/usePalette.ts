/**
 * Okabe–Ito colours for data, resolved for the current colour scheme (SVG attributes cannot
 * read CSS variables reliably), following the system's light/dark switch live.
 */
import { useSyncExternalStore } from 'react';

const LIGHT = {
  series: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'],
  text: '#1b1f24', muted: '#5a6270', grid: '#e3e6eb', panel: '#f6f7f9',
};
const DARK = {
  series: ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#E8EAED', '#F0E442'],
  text: '#e8eaed', muted: '#a4acb9', grid: '#2c323b', panel: '#1d2128',
};
export type Palette = typeof LIGHT;

let mq: MediaQueryList | null | undefined;
/** One MediaQueryList for the page (matchMedia is not free, and every chart asks on every render). */
const query = () => (mq !== undefined ? mq : (mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null));

function subscribe(cb: () => void): () => void {
  const q = query();
  q?.addEventListener('change', cb);
  return () => q?.removeEventListener('change', cb);
}

export function usePalette(): Palette {
  const dark = useSyncExternalStore(subscribe, () => query()?.matches ?? false, () => false);
  return dark ? DARK : LIGHT;
}

/** Viridis-like ramp (perceptually uniform, colour-blind safe) for heatmaps: t in [0, 1]. */
const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
export function ramp(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STOPS[i].map((v, j) => Math.round(v + (STOPS[i + 1][j] - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
