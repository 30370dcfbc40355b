/** Number, byte and duration formatting for labels. Pure. */

const int = new Intl.NumberFormat('en-US');

/** 1120 → "1,120". */
export const formatCount = (n: number): string => int.format(n);

/** 0.4667 → "46.7%". */
export const formatPercent = (f: number, digits = 1): string => (Number.isFinite(f) ? `${(f * 100).toFixed(digits)}%` : '–');

/** Bytes with binary-free SI units: 1536 → "1.5 kB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Seconds → "45 s", "3 min 20 s", "2 h 05 min", "3.2 days". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    return `${m} min ${String(Math.floor(seconds - m * 60)).padStart(2, '0')} s`;
  }
  if (seconds < 86400 * 2) {
    const h = Math.floor(seconds / 3600);
    return `${h} h ${String(Math.floor((seconds - h * 3600) / 60)).padStart(2, '0')} min`;
  }
  return `${(seconds / 86400).toFixed(1)} days`;
}

/** Multiply-adds: 26.7e6 → "26.7 M". */
export function formatMacs(macs: number): string {
  if (macs >= 1e9) return `${(macs / 1e9).toFixed(2)} G`;
  if (macs >= 1e6) return `${(macs / 1e6).toFixed(1)} M`;
  return `${(macs / 1e3).toFixed(1)} k`;
}
