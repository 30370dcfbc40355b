/**
 * The training worker end to end in headless Chromium (issue 4, "Done when"), through the
 * real page: the backend it picks and why, real WebGPU steps in the worker on this machine's
 * software adapter (SwiftShader), a device loss that ends the run visibly, and continuing
 * from the last checkpoint on another backend. The main thread's longest task during
 * training is measured with a PerformanceObserver and printed.
 *
 * WebGPU here is emulated on the CPU (~1.4 img/s for ResNet-8 at batch 32), so its run is
 * ResNet-8, width 4, batch 8, and stops after a few steps.
 */
import { expect, test, type Page } from '@playwright/test';
import '../src/ui/app/testHandle.ts';
import { longTasksBetween, pageNow, recordLongTasks } from './fixtures/longTasks.ts';
import { sendToWorker, trainingWorker } from './fixtures/trainingWorker.ts';
import { LabPage } from './pages/LabPage.ts';

/** What the page's store says about the current run (read through the test handle). */
function runState(page: Page) {
  return page.evaluate(() => {
    const s = window.__bnlab!.state();
    const r = s.run;
    return {
      activeRunId: s.activeRunId,
      status: r?.status ?? null,
      backend: r?.backend?.name ?? null,
      steps: r?.steps.map((p) => p.step) ?? [],
      losses: r?.steps.map((p) => p.loss) ?? [],
      checkpointStep: r?.checkpointStep ?? null,
      error: r?.error ?? null,
      totalSteps: r?.totalSteps ?? 0,
    };
  });
}

async function waitForSteps(page: Page, n: number, timeout: number): Promise<void> {
  await expect.poll(async () => (await runState(page)).steps.length, { timeout, message: `${n} steps recorded` }).toBeGreaterThanOrEqual(n);
}

/** Logs, and attaches to the report, the longest main-thread task of a training window. */
async function reportLongTasks(page: Page, label: string, from: number, to: number): Promise<number> {
  const lt = await longTasksBetween(page, from, to);
  const line = `[${label}] main thread during ${((to - from) / 1000).toFixed(1)} s of training: longest task ${lt.longestMs.toFixed(0)} ms (${lt.count} tasks over 50 ms)`;
  console.log(line);
  test.info().annotations.push({ type: 'longest main-thread task', description: line });
  return lt.longestMs;
}

test.beforeEach(async ({ page }) => {
  await recordLongTasks(page);
});

test('auto picks wasm for BN-only on this machine, says why, and trains without blocking the page', async ({ page }) => {
  const lab = new LabPage(page);
  // The paper's ResNet-14 at full width, so the charts draw what a real run gives them (40 steps).
  await lab.open('?d=14&w=16&m=bn&ep=2&b=50&tr=1000&te=200&s=3&be=auto');
  const badge = lab.id('backend.badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(lab.id('backend.reason')).toContainText('the only WebGPU adapter is software (google swiftshader)');
  await expect(lab.id('backend.reason')).toContainText('wasm is the fastest CPU path');
  await expect(lab.id('backend.reason')).toContainText('can train mode bn');

  await lab.waitForDataReady();
  await lab.start();
  await waitForSteps(page, 1, 60_000);
  const from = await pageNow(page);
  await lab.waitForStatus('completed', 120_000);
  const to = await pageNow(page);
  const s = await runState(page);
  expect(s.backend).toBe('wasm');
  expect(s.steps.at(-1)).toBe(40);
  expect(s.losses.every(Number.isFinite)).toBe(true);
  const longest = await reportLongTasks(page, 'wasm', from, to);
  // Soft: the figure is reported and the test fails on it, but every other check still runs.
  expect.soft(longest, 'no main-thread task over 100 ms while the worker trains').toBeLessThanOrEqual(100);
});

test('forced WebGPU trains in the worker on the software adapter; a device loss ends the run visibly; it continues from its checkpoint on wasm', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?d=8&w=4&m=bn&ep=1&b=8&tr=160&te=20&s=5&be=webgpu&run=1');
  const worker = await trainingWorker(page);
  const adapter = await worker.evaluate(async () => {
    const a = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    return a ? { vendor: a.info.vendor, architecture: a.info.architecture } : null;
  });
  expect(adapter, 'WebGPU is exposed to the worker (--enable-unsafe-webgpu)').toEqual({ vendor: 'google', architecture: 'swiftshader' });

  // (1, 3) The forced backend is WebGPU, shown as a software adapter, with a warning.
  const badge = lab.id('backend.badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  await expect(badge).toContainText('swiftshader');
  await expect(badge).toContainText(/software|emulated/); // the UI's words for BackendInfo.software
  await expect(lab.id('backend.warning')).toContainText('emulated on the CPU');

  // Real WebGPU steps: the first includes shader compilation (tens of seconds here).
  await waitForSteps(page, 2, 150_000);
  const from = await pageNow(page);
  let s = await runState(page);
  expect(s.backend).toBe('webgpu');
  expect(s.losses.every(Number.isFinite)).toBe(true);

  // A checkpoint through the UI (the page persists it), then (4) the device is lost.
  await lab.id('checkpoint.download').click();
  await expect.poll(async () => (await runState(page)).checkpointStep, { timeout: 60_000 }).not.toBeNull();
  const ckptStep = (await runState(page)).checkpointStep!;
  await sendToWorker(page, { type: 'simulateDeviceLoss', runId: s.activeRunId! });
  await lab.waitForStatus('failed', 60_000);
  const to = await pageNow(page);
  s = await runState(page);
  expect(s.error).toContain('WebGPU device lost (destroyed by the test hook)');
  expect(s.error).toContain(`resume from the checkpoint at step ${ckptStep}`);
  await expect(page.getByText('WebGPU device lost').first()).toBeVisible();
  expect(Math.max(...s.steps), 'the points measured before the loss are kept').toBeGreaterThanOrEqual(ckptStep);
  const longest = await reportLongTasks(page, 'webgpu', from, to);

  // Continue from the checkpoint on wasm.
  await lab.openRecipe();
  await lab.id('config.backend').selectOption('wasm');
  const item = lab.id('runs.item').filter({ has: lab.id('runs.continue') }).first();
  await expect(item.getByTestId('runs.continue')).toHaveText(`Continue from step ${ckptStep}`);
  await item.getByTestId('runs.continue').click();
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await lab.waitForStatus('completed', 120_000);
  s = await runState(page);
  expect(s.backend).toBe('wasm');
  expect(s.steps.at(-1)).toBe(20);
  const after = s.steps.filter((x) => x > ckptStep);
  expect(after[0], 'the resumed run continues right after the checkpoint').toBe(ckptStep + 1);
  expect(new Set(s.steps).size, 'no step recorded twice').toBe(s.steps.length);
  expect.soft(longest, 'no main-thread task over 100 ms while the worker trains').toBeLessThanOrEqual(100);
});

/** Makes the page report itself hidden or visible, as a tab switch does. */
async function setPageHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

// Headless Chromium keeps every page 'visible' (another tab in front, a minimised window), so
// the test switches the page's visibility itself; the worker and its timing are real.
test('training goes on while the tab is in the background, and the worker is told', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?d=8&w=4&m=bn&ep=20&b=50&tr=1000&te=200&s=4&be=wasm');
  await lab.waitForDataReady();
  await lab.start();
  await waitForSteps(page, 3, 60_000);
  const worker = await trainingWorker(page);
  const told: string[] = [];
  await worker.evaluate(() => {
    const w = self as unknown as { __seen?: string[] };
    w.__seen = [];
    self.addEventListener('message', (ev: MessageEvent) => {
      if (ev.data?.type === 'visibility') w.__seen!.push(ev.data.hidden ? 'hidden' : 'visible');
    });
  });

  await setPageHidden(page, true);
  const hiddenAt = (await runState(page)).steps.at(-1)!;
  await page.waitForTimeout(4000);
  const whileHidden = (await runState(page)).steps.at(-1)!;
  expect(whileHidden, `steps recorded while hidden (from step ${hiddenAt})`).toBeGreaterThan(hiddenAt + 5);
  // Not slowed here, so no throttling notice.
  await expect(lab.id('panel.progress')).toContainText('images/s');
  await expect(lab.id('panel.progress')).not.toContainText('slowing this background tab');
  await setPageHidden(page, false);
  told.push(...(await worker.evaluate(() => (self as unknown as { __seen: string[] }).__seen)));
  expect(told).toEqual(['hidden', 'visible']);
  console.log(`[background] ${whileHidden - hiddenAt} steps in 4 s while hidden`);

  await lab.id('run.stop').click();
  await lab.waitForStatus('stopped');
});
