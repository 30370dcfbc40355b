/**
 * `npm run bench:node -- [options]`: times the core training step in Node — wasm by
 * default, cpu on request, WebGPU through the optional `webgpu` package (Dawn) with
 * --webgpu — for each configuration side by side (src/worker/benchmark.ts, the loop the
 * browser benchmark runs in the worker too). Prints the machine, a table, the bn/all
 * step-time ratios, optionally per-kernel profiles and the ratio to the PyTorch reference,
 * and writes JSON to bench/results/. `--help` lists the options.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import type { BackendName, BenchCaseResult } from '../src/protocol/messages.ts';
import { runBenchmark } from '../src/worker/benchmark.ts';
import { modeSupport, profileModeKernels } from '../src/worker/modeKernels.ts';
import { benchArgsOrExit } from './lib/benchArgs.ts';
import { machineInfo, machineNote, writeResults } from './lib/benchMachine.ts';
import {
  emptyRow, formatProfile, formatRatios, formatRows, formatTable, modelName, modeRatios, referenceRatios, rowOf, type BenchRow,
} from './lib/benchTable.ts';
import { setUpNodeWebGpu } from './lib/benchWebgpuNode.ts';
import { useBackend } from './lib/nodeBackend.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Activates `name`; returns a note on it, or throws with the reason it cannot run. */
async function activate(name: string): Promise<string> {
  if (name === 'webgpu') {
    const r = await setUpNodeWebGpu();
    if (!r.ok) throw new Error(r.reason);
    if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') throw new Error('the webgpu backend did not start');
    await tf.ready();
    const a = r.adapter;
    return `webgpu (Dawn) on ${[a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' ') || 'an adapter that gives no details'}`;
  }
  const { note } = await useBackend(name as 'wasm' | 'cpu');
  if (name === 'wasm') {
    const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    return `${note}, ${simd ? 'SIMD' : 'no SIMD'}, ${getThreadsCount()} thread(s)`;
  }
  return note;
}

/** Reads PyTorch reference rows: JSON lines, one row each (bench/reference/resnet_bn_only.py). */
function readReference(path: string): BenchRow[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as BenchRow);
}

async function main(): Promise<void> {
  const a = benchArgsOrExit('node', 'bench:node');
  const machine = machineInfo();
  log(machineNote(machine));
  log(`${a.cases.length} configs × ${a.backends.join(', ')}: ${a.options.warmupSteps} warm-up + up to ${a.options.steps} timed steps each`
    + `${a.options.maxSeconds > 0 ? ` (at most ~${a.options.maxSeconds} s of timed steps per config)` : ''}, round-robin`);

  const kernels = await profileModeKernels(); // which kernels each mode's step needs (on cpu)
  const rows: BenchRow[] = [];
  const measured: { backend: string; result: BenchCaseResult }[] = [];
  const backends: { name: string; note: string }[] = [];
  for (const b of a.backends) {
    let note: string;
    try {
      note = await activate(b);
    } catch (e) {
      const why = (e as Error).message;
      log(`\n${b}: not measured: ${why}`);
      backends.push({ name: b, note: `not measured: ${why}` });
      for (const c of a.cases) rows.push(emptyRow(b, c, 'not measured (why: above the table)'));
      continue;
    }
    log(`\n${b}: ${note}`);
    backends.push({ name: b, note });
    const results = await runBenchmark(a.cases, a.options, {
      unsupported: (c) => {
        const s = modeSupport(kernels, b as BackendName, c.mode);
        return s.ok ? null : `${b} has no ${s.missing.join(', ')} kernel for mode ${c.mode}`;
      },
      onProgress: (p) => {
        const c = a.cases[p.caseIndex];
        log(`  ${b} ${modelName(c.depth, c.width)} ${c.mode} b${c.batchSize}: ${p.phase} ${p.step} ${p.stepMs.toFixed(0)} ms`);
      },
    });
    for (const r of results) {
      rows.push(rowOf(b, r));
      measured.push({ backend: b, result: r });
    }
  }

  const ratios = modeRatios(measured);
  const out: string[] = [
    '', machineNote(machine), ...backends.map((b) => `${b.name}: ${b.note}`), '',
    formatRows(rows), '',
    'bn/all step-time ratio (median over rounds of paired steps; < 1: bn is faster)', formatRatios(ratios),
  ];
  if (a.options.profile) {
    for (const m of measured) {
      const c = m.result.case;
      if (m.result.profile) out.push('', formatProfile(`${m.backend} ${modelName(c.depth, c.width)} ${c.mode} batch ${c.batchSize}`, m.result.profile));
    }
  }
  let reference: BenchRow[] | undefined;
  if (a.reference) {
    reference = readReference(a.reference);
    const cmp = referenceRatios(rows, reference);
    out.push('', `ratio to the PyTorch reference (${a.reference}; ours / theirs in images/s)`, cmp.length
      ? formatTable(['backend', 'model', 'mode', 'batch', 'ours img/s', 'reference', 'ref img/s', 'ratio'],
        cmp.map((x) => [x.row.backend, x.row.model, x.row.mode, x.row.batch, x.row.imagesPerSecond!.toFixed(1), x.ref.backend, x.ref.imagesPerSecond!.toFixed(1), x.ratio.toFixed(3)]),
        [false, false, false, true, true, false, true, true])
      : '(no row matches the reference\'s model, mode and batch)');
  }
  process.stdout.write(`${out.join('\n')}\n`);
  const path = writeResults('bench-node', {
    tool: 'bench:node', date: new Date().toISOString(), machine, backends,
    cases: a.cases, options: a.options, rows, ratios,
    results: measured, // raw: every step time, warm-up and profile
    ...(reference ? { reference } : {}),
  }, a.out);
  log(`\nwrote ${path}`);
}

main().catch((e) => {
  process.stderr.write(`bench:node: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
