/**
 * The benchmark page: starts the app's real training worker through its client
 * (src/worker/client.ts), sends `init` for one backend and then `benchmark` (protocol,
 * src/protocol/messages.ts), watches the main thread's long tasks meanwhile, and hands the
 * results to scripts/bench.ts through `window.bnBench`. One backend per page load, so each
 * backend gets a fresh worker. Imports the worker client and protocol types only (no tfjs).
 */
import type { BenchmarkResultEvent } from '../../src/protocol/messages.ts';
import { createWorkerClient, WorkerError } from '../../src/worker/client.ts';
import type { PageRequest, PageResult } from './api.ts';

const logEl = document.getElementById('log');

/** To the page and to the console, which the driver echoes. */
function log(line: string): void {
  console.log(`[bench] ${line}`);
  if (logEl) logEl.textContent += `${line}\n`;
}

/** Records main-thread tasks over 50 ms until stopped. */
function watchLongTasks(): () => { longestTaskMs: number; longTasks: number } {
  let longestTaskMs = 0;
  let longTasks = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longestTaskMs = Math.max(longestTaskMs, e.duration);
      longTasks++;
    }
  });
  try {
    obs.observe({ type: 'longtask', buffered: false });
  } catch (e) {
    log(`longtask entries are not supported here: ${(e as Error).message}`);
  }
  return () => {
    for (const e of obs.takeRecords()) {
      longestTaskMs = Math.max(longestTaskMs, e.duration);
      longTasks++;
    }
    obs.disconnect();
    return { longestTaskMs, longTasks };
  };
}

async function run(req: PageRequest): Promise<PageResult> {
  const page = { crossOriginIsolated, hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent };
  const none = (skipped: string, backend: PageResult['backend'] = null): PageResult =>
    ({ ...page, backend, skipped, results: [], longestTaskMs: 0, longTasks: 0 });
  const client = createWorkerClient();
  try {
    let backend;
    try {
      backend = (await client.init(req.backend, req.cases[0]?.mode ?? 'bn')).backend;
    } catch (e) {
      return none(`${req.backend} did not start: ${(e as Error).message}`);
    }
    if (backend.name !== req.backend) return none(`asked for ${req.backend}, the worker runs ${backend.name}`, backend);
    if (backend.name === 'webgpu' && backend.software && !req.allowSoftwareWebgpu) {
      const a = backend.adapter;
      return none(`the only WebGPU adapter is software (${[a?.vendor, a?.architecture, a?.description].filter(Boolean).join(' ')}); --allow-software-webgpu measures it anyway`, backend);
    }
    log(`${backend.name}: ${backend.reason}${backend.threads ? `; ${backend.threads} wasm thread(s)` : ''}${backend.warning ? `; ${backend.warning}` : ''}`);

    const stopWatching = watchLongTasks();
    const benchId = crypto.randomUUID();
    const offs: (() => void)[] = [];
    const done = new Promise<BenchmarkResultEvent>((resolve, reject) => {
      offs.push(
        client.on('benchmarkResult', (e) => e.benchId === benchId && resolve(e)),
        client.on('benchmarkProgress', (e) => {
          const c = req.cases[e.caseIndex];
          log(`${backend.name} ResNet-${c.depth} ${c.mode} b${c.batchSize}: ${e.phase} ${e.step} ${e.stepMs.toFixed(0)} ms`);
        }),
        client.on('error', (e) => {
          if (e.runId === undefined) reject(new WorkerError(e.error, e.scope));
        }),
      );
    });
    client.send({ type: 'benchmark', benchId, cases: req.cases, options: req.options });
    try {
      const ev = await done;
      return { ...page, backend: ev.backend, results: ev.results, ...stopWatching() };
    } finally {
      offs.forEach((off) => off());
    }
  } finally {
    client.dispose();
  }
}

window.bnBench = { run };
log('ready');
