/**
 * Where a benchmark ran and where its JSON goes: the machine note printed above every
 * table (CPU model and cores from os.cpus(), memory, load) and the results file under
 * bench/results/ (git-ignored). Node only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (scripts/lib/ → ../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the figures were measured on. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load average when the run started: above `cores`, other work competed. */
  loadAverage1m: number;
  platform: string;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** One line for the top of a table, e.g. "machine: 2 × Intel Xeon …, 8 GiB, load 1.9 (…)". */
export function machineNote(m: MachineInfo): string {
  const busy = m.loadAverage1m > m.cores * 0.5 ? '; the machine was busy, so treat absolute figures as noisy (ratios hold better)' : '';
  return `machine: ${m.cores} × ${m.cpuModel}, ${m.memoryGiB} GiB, load ${m.loadAverage1m} at start${busy}; ${m.platform}, Node ${m.node}`;
}

/** Writes `data` as JSON to `out` or bench/results/<tool>-<time>.json; returns the path written. */
export function writeResults(tool: string, data: unknown, out?: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = out ?? join(REPO_ROOT, 'bench', 'results', `${tool}-${stamp}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return relative(process.cwd(), path) || path;
}
