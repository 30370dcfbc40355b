/**
 * `npm run bench -- [options]`: the training step in the browser, through the app's real
 * worker. Builds the bench page (bench/vite.bench.config.ts: the app's worker behind a
 * small page), serves it with `vite preview` (COOP/COEP, so wasm gets threads) on a free
 * port, and drives Debian's Chromium headless: one fresh page per backend (webgpu, webgl,
 * wasm, cpu — whichever starts), each timing every configuration side by side with the
 * worker's `benchmark` command while the page records its longest main-thread task.
 * Prints the machine, a table and the bn/all ratios, and writes JSON to bench/results/.
 * `--help` lists the options.
 */
import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import type { PageRequest, PageResult } from '../bench/page/api.ts';
import type { BackendName, BenchCaseResult } from '../src/protocol/messages.ts';
import { benchArgsOrExit } from './lib/benchArgs.ts';
import { machineInfo, machineNote, REPO_ROOT, writeResults } from './lib/benchMachine.ts';
import { emptyRow, formatProfile, formatRatios, formatRows, modelName, modeRatios, rowOf, type BenchRow } from './lib/benchTable.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
const CONFIG_FILE = join(REPO_ROOT, 'bench', 'vite.bench.config.ts');

const log = (s: string) => process.stderr.write(`${s}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function serve(rebuild: boolean): Promise<{ server: PreviewServer; url: string }> {
  if (rebuild) {
    log('building the bench page (vite build --config bench/vite.bench.config.ts)…');
    await build({ configFile: CONFIG_FILE, logLevel: 'warn' });
  }
  if (!existsSync(join(REPO_ROOT, 'bench', 'results', 'page', 'index.html'))) throw new Error('no build of the bench page yet: run without --no-build');
  const port = await freePort();
  const server = await preview({ configFile: CONFIG_FILE, logLevel: 'warn', preview: { port, strictPort: true, host: '127.0.0.1' } });
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** One backend on a fresh page; a page that hangs past `timeoutS` is closed and reported. */
async function measureBackend(browser: Browser, url: string, req: PageRequest, timeoutS: number): Promise<PageResult | { failed: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (m) => {
    const t = m.text();
    if (t.startsWith('[bench] ')) log(`  ${t.slice(8)}`);
    else if (m.type() === 'error') log(`  [page error] ${t}`);
  });
  page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.bnBench !== undefined, undefined, { timeout: 60_000 });
    const timedOut = new Promise<{ failed: string }>((resolve) => {
      timer = setTimeout(() => resolve({ failed: `did not finish within --backend-timeout ${timeoutS} s` }), timeoutS * 1000);
    });
    return await Promise.race([page.evaluate((r) => window.bnBench!.run(r), req), timedOut]);
  } catch (e) {
    return { failed: `the page failed: ${(e as Error).message.split('\n')[0]}` };
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => {});
  }
}

async function main(): Promise<void> {
  const a = benchArgsOrExit('browser', 'bench');
  const machine = machineInfo();
  log(machineNote(machine));
  const { server, url } = await serve(a.build);
  let browser: Browser | undefined;
  let chromiumVersion: string | undefined;
  const rows: BenchRow[] = [];
  const measured: { backend: string; result: BenchCaseResult }[] = [];
  const pages: { backend: string; note: string; page?: Omit<PageResult, 'results'> }[] = [];
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    chromiumVersion = browser.version();
    log(`Chromium ${browser.version()} (${CHROMIUM}) on ${url}; ${a.cases.length} configs × ${a.backends.join(', ')}; `
      + `${a.options.warmupSteps} warm-up + up to ${a.options.steps} timed steps each`
      + `${a.options.maxSeconds > 0 ? ` (at most ~${a.options.maxSeconds} s of timed steps per config)` : ''}, round-robin`);
    for (const b of a.backends) {
      log(`\n${b}:`);
      const req: PageRequest = { backend: b as BackendName, cases: a.cases, options: a.options, allowSoftwareWebgpu: a.allowSoftwareWebgpu };
      const res = await measureBackend(browser, url, req, a.backendTimeoutS);
      if ('failed' in res) {
        log(`  ${res.failed}`);
        pages.push({ backend: b, note: res.failed });
        for (const c of a.cases) rows.push(emptyRow(b, c, res.failed));
        continue;
      }
      const { results, ...page } = res;
      const info = page.backend;
      const adapter = info?.adapter ? [info.adapter.vendor, info.adapter.architecture, info.adapter.description].filter(Boolean).join(' ') : '';
      const note = res.skipped ?? [
        info?.reason, info?.threads ? `${info.threads} wasm thread(s)` : '', b === 'webgpu' && adapter ? `adapter: ${adapter}` : '',
        info?.software && (b === 'webgpu' || b === 'webgl') ? 'software adapter (emulated on the CPU)' : '',
      ].filter(Boolean).join('; ');
      pages.push({ backend: b, note, page });
      if (res.skipped) {
        log(`  skipped: ${res.skipped}`);
        for (const c of a.cases) rows.push(emptyRow(b, c, 'skipped (why: above the table)'));
        continue;
      }
      for (const r of results) {
        rows.push(rowOf(b, r, { longestTaskMs: res.longestTaskMs }));
        measured.push({ backend: b, result: r });
      }
    }
  } finally {
    await browser?.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }

  const ratios = modeRatios(measured);
  const first = pages.find((p) => p.page)?.page;
  const out: string[] = [
    '', machineNote(machine),
    ...(first ? [`browser: ${first.userAgent}; ${first.hardwareConcurrency} hardware threads; cross-origin isolated: ${first.crossOriginIsolated}`] : []),
    ...pages.map((p) => `${p.backend}: ${p.note}`), '',
    formatRows(rows),
    '(long task: the longest main-thread task on the bench page while that backend ran; 0 = none over 50 ms)', '',
    'bn/all step-time ratio (median over rounds of paired steps; < 1: bn is faster)', formatRatios(ratios),
  ];
  for (const m of measured) {
    const c = m.result.case;
    if (m.result.profile) out.push('', formatProfile(`${m.backend} ${modelName(c.depth, c.width)} ${c.mode} batch ${c.batchSize}`, m.result.profile));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  const path = writeResults('bench-browser', {
    tool: 'bench', date: new Date().toISOString(), machine, chromium: { path: CHROMIUM, version: chromiumVersion, args: CHROMIUM_ARGS }, pages,
    cases: a.cases, options: a.options, rows, ratios,
    results: measured, // raw: every step time, warm-up and profile
  }, a.out);
  log(`\nwrote ${path}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
