/**
 * The lab UI end to end (issue 5, "Done when"): a real worker training a tiny ResNet on the
 * real CIFAR-10 served from public/data/cifar10 (prepared by the web server command), on wasm. Every
 * action goes through the page as a user would; the test handle (window.__bnlab) is only
 * read, to wait for conditions and to compare numbers.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { E2E_BACKEND, LabPage, TINY } from './pages/LabPage.ts';

/** The form fields a link must restore, with the values the test sets. */
const FIELDS: Record<string, string> = {
  'config.depth': '8', 'config.width': '4', 'config.mode': 'bn+output', 'config.trainSize': '300', 'config.testSize': '100',
  'config.seed': '7', 'config.epochs': '1', 'config.batchSize': '50', 'config.lr': '0.05', 'config.momentum': '0.8',
  'config.weightDecay': '0.0005', 'config.warmupEpochs': '0.5', 'config.gammaInit': 'ones', 'config.schedule': 'cosine',
  'config.backend': E2E_BACKEND,
};
const CHECKS: Record<string, boolean> = { 'config.wdOnBn': false, 'config.augment': false };

async function expectFields(lab: LabPage): Promise<void> {
  await lab.openRecipe();
  for (const [id, value] of Object.entries(FIELDS)) await expect(lab.id(id), id).toHaveValue(value);
  for (const [id, checked] of Object.entries(CHECKS)) await expect(lab.id(id), id).toBeChecked({ checked });
}

test('pick depth and mode, start, charts fill, pause and resume, finish, listed after reload', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForDataReady();
  // 20 steps per epoch × 10 epochs: long enough to pause in the middle on any CPU backend.
  await lab.configure({ depth: 8, width: 4, mode: 'bn', epochs: 10, trainSize: 1000, batchSize: 50 });
  await expect(lab.id('config.modeInfo')).toContainText('168 of 5,214 parameters train');
  const t0 = Date.now();
  await lab.start();
  await lab.waitForStatus('running');
  await lab.id('run.pause').click();
  await lab.waitForStatus('paused');
  const paused = await lab.counts();
  await page.waitForTimeout(1500);
  expect((await lab.counts()).steps, 'no steps while paused').toBe(paused.steps);
  await expect(lab.id('run.pause')).toHaveText('Resume');
  await lab.id('run.pause').click();
  await lab.waitForChartPoints('chart.loss');
  await lab.waitForStatus('completed');
  test.info().annotations.push({ type: 'timing', description: `tiny run (200 steps incl. pause 1.5 s): ${((Date.now() - t0) / 1000).toFixed(1)} s` });
  const counts = await lab.counts();
  expect(counts.steps).toBeGreaterThan(paused.steps);
  expect(counts.evals).toBeGreaterThanOrEqual(10); // one per epoch
  for (const chart of ['chart.loss', 'chart.accuracy', 'chart.gammaZero', 'chart.gammaLayers', 'chart.gammaHistogram', 'chart.betaHistogram', 'chart.deadRelu', 'chart.lr']) {
    expect(await lab.chartPoints(chart), chart).toBeGreaterThan(0);
  }
  // The plots drew the run's series in its colour (the first Okabe–Ito blue, light scheme).
  for (const chart of ['chart.loss', 'chart.accuracy', 'chart.gammaZero', 'chart.gammaHistogram', 'chart.deadRelu']) {
    expect(await lab.pixelsOfColor(chart, '#0072B2'), `${chart}: pixels of the series colour`).toBeGreaterThan(100);
  }
  await expect(lab.id('run.progress')).toHaveAttribute('aria-valuenow', '200');
  await expect(lab.id('backend.badge')).toHaveAttribute('data-backend', E2E_BACKEND);
  await expect(lab.id('results.accuracy')).toHaveText(/\d+\.\d%/);
  await expect(lab.id('results.samples').locator('canvas')).toHaveCount(16);
  const run = (await lab.currentRun())!;

  await lab.reloadWhenSaved();
  const item = lab.id('runs.list').locator(`[data-run-id="${run.id}"]`);
  await expect(item).toBeVisible();
  await expect(item).toContainText('completed');
  await expect(item.getByTestId('runs.name')).toHaveText('ResNet-8×4 bn seed 1');
  // Rename survives a reload too; Show brings its charts back.
  await item.getByTestId('runs.rename').click();
  await item.getByTestId('runs.nameInput').fill('first BN-only run');
  await item.getByTestId('runs.nameInput').press('Enter');
  await lab.reloadWhenSaved();
  const renamed = lab.id('runs.list').locator(`[data-run-id="${run.id}"]`);
  await expect(renamed.getByTestId('runs.name')).toHaveText('first BN-only run');
  await renamed.getByTestId('runs.show').click();
  await lab.waitForChartPoints('chart.loss');
  expect((await lab.counts()).steps).toBe(counts.steps);
});

test('saved runs overlay on the charts, labelled by what differs', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForDataReady();
  await lab.configure({ ...TINY, mode: 'bn', epochs: 1, seed: 5 });
  await lab.start();
  await lab.waitForStatus('completed');
  const first = (await lab.currentRun())!.id;
  await lab.id('config.mode').selectOption('output');
  await lab.start();
  await lab.waitForStatus('completed');
  await lab.id('runs.list').locator(`[data-run-id="${first}"]`).getByTestId('runs.overlay').check();
  const legend = lab.id('chart.loss').locator('.legend');
  await expect(legend).toContainText('mode output');
  await expect(legend).toContainText('mode bn');
  await expect(lab.id('chart.gammaZero').locator('.legend')).toContainText('mode bn');
});

test('a shared link restores every field, and run=1 starts it', async ({ page, context }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.configure({ depth: 8, width: 4, mode: 'bn+output', trainSize: 300, testSize: 100, seed: 7, epochs: 1, batchSize: 50 });
  await lab.fill('config.lr', '0.05');
  await lab.fill('config.momentum', '0.8');
  await lab.fill('config.weightDecay', '0.0005');
  await lab.fill('config.warmupEpochs', '0.5');
  await lab.id('config.gammaInit').selectOption('ones');
  await lab.id('config.schedule').selectOption('cosine');
  await lab.id('config.wdOnBn').uncheck();
  await lab.id('config.augment').uncheck();
  const link = await lab.sharedLink('share.copy');
  expect(link).toContain('s=7');
  expect(link).not.toContain('run=1');

  const other = new LabPage(await context.newPage());
  await other.page.goto(link);
  await expectFields(other);
  await expect(other.id('url.ignored')).toHaveCount(0);
  await expect(other.runStatus()).toHaveAttribute('data-status', 'idle');

  const runLink = await lab.sharedLink('share.copyRun');
  expect(runLink).toContain('run=1');
  const third = new LabPage(await context.newPage());
  await third.page.goto(runLink);
  await expectFields(third);
  await third.waitForStatus('completed');
  const run = (await third.currentRun())!;
  expect(run.config).toMatchObject({ depth: 8, width: 4, mode: 'bn+output', seed: 7, lr: 0.05, momentum: 0.8, weightDecay: 0.0005, warmupEpochs: 0.5, gammaInit: 'ones', schedule: 'cosine', wdOnBn: false, augment: false, trainSize: 300, testSize: 100, epochs: 1, batchSize: 50 });
  expect(run.backend).toBe(E2E_BACKEND);
  expect(third.page.url()).not.toContain('run=1'); // a reload must not start it again
});

test('a link with garbage values shows what it ignored and still works', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?v=1&be=${E2E_BACKEND}&d=15&w=abc&m=nonsense&gi=zero&lr=99&zz=1&s=3&be=tpu&hide=bogus`);
  const banner = lab.id('url.ignored');
  await expect(banner).toBeVisible();
  for (const text of ['d=15', 'w=abc', 'm=nonsense', 'gi=zero', 'lr=99', 'zz=1', 'be=tpu', 'hide=bogus']) await expect(banner).toContainText(text);
  await expect(banner).toContainText('repeated');
  await expect(banner).toContainText('6N+2');
  await expect(lab.id('config.depth')).toHaveValue('14');
  await expect(lab.id('config.mode')).toHaveValue('bn');
  await expect(lab.id('config.seed')).toHaveValue('3');
  await expect(page).toHaveURL(/[?&]s=3/);
  await expect(page).not.toHaveURL(/zz=/);
  // Still works: a tiny run goes through.
  await lab.configure({ seed: 3, epochs: 1, trainSize: 200, testSize: 100 });
  await lab.start();
  await lab.waitForStatus('completed');
  // An invalid value typed into the form is explained at the control and blocks Start.
  await lab.fill('config.depth', '15');
  await expect(lab.id('panel.config').getByText('15 is not of the form 6N+2')).toBeVisible();
  await expect(lab.id('config.depth')).toHaveAttribute('aria-invalid', 'true');
  await expect(lab.id('run.start')).toBeDisabled();
});

test('embed mode hides what it was told to and uses large type', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?v=1&s=0&embed=1&hide=recipe,runs,data,share');
  await expect(lab.id('chart.loss')).toBeVisible();
  await expect(lab.id('run.start')).toBeVisible();
  await expect(lab.id('config.depth')).toBeVisible();
  for (const hidden of ['panel.recipe', 'runs.list', 'panel.data', 'panel.share']) await expect(lab.id(hidden), hidden).toHaveCount(0);
  await expect(lab.id('chart.gammaZero')).toBeVisible(); // not asked to hide
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  await lab.open('?v=1&s=0');
  await expect(lab.id('panel.share')).toBeVisible();
});

test.describe.serial('after a tiny run', () => {
  let page: Page;
  let lab: LabPage;
  let accuracy: number;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    lab = new LabPage(page);
    await lab.open();
    await lab.waitForDataReady();
    await lab.configure({ ...TINY, epochs: 2 });
    await lab.start();
    await lab.waitForStatus('completed');
    accuracy = (await lab.testAccuracy())!;
  });
  test.afterAll(() => page.close());

  test('CSV export holds every step with its metrics', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), lab.id('export.csv').click()]);
    expect(download.suggestedFilename()).toBe('ResNet-8-4-bn-seed-1.csv');
    const text = await readFile((await download.path())!, 'utf8');
    const [header, ...rows] = text.trim().split('\n');
    expect(header).toBe('step,epoch,lr,train_loss,train_accuracy,images_per_second,test_loss,test_accuracy,dead_relu,gamma_lt_0.01,gamma_lt_0.05,gamma_lt_0.1');
    const steps = rows.map((r) => Number(r.split(',')[0]));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[steps.length - 1]).toBe(20); // 500 images / 50 × 2 epochs
    const last = rows[rows.length - 1].split(',');
    expect(Number(last[7])).toBeCloseTo(accuracy, 6); // test accuracy of the final evaluation
    expect(last.every((c) => c !== '')).toBe(true);
    const counts = await lab.counts();
    expect(rows.length).toBeGreaterThanOrEqual(counts.steps);
  });

  test('the trained-model link reproduces the sender’s test accuracy', async ({ context }) => {
    const link = await lab.sharedLink('share.model');
    expect(link).toMatch(/#model=[A-Za-z0-9_-]+$/);
    test.info().annotations.push({ type: 'size', description: `model link: ${link.length} characters` });
    const receiver = new LabPage(await context.newPage());
    await receiver.page.goto(link);
    await receiver.waitForStatus('imported');
    await expect.poll(() => receiver.testAccuracy(), { timeout: 60_000 }).not.toBeNull();
    expect(await receiver.testAccuracy()).toBe(accuracy);
    await expect(receiver.id('results.accuracy')).toHaveText(`${(accuracy * 100).toFixed(1)}%`);
    await receiver.page.close();
  });

  test('a corrupted checkpoint is refused with a clear error and changes nothing', async () => {
    const before = (await lab.currentRun())!;
    const picker = lab.id('checkpoint.import');
    await picker.setInputFiles({ name: 'garbage.bnckpt', mimeType: 'application/octet-stream', buffer: Buffer.from('this is not a checkpoint at all') });
    await expect(lab.id('notice')).toContainText('garbage.bnckpt is not a usable checkpoint');
    expect((await lab.currentRun())!.id).toBe(before.id);

    const [download] = await Promise.all([page.waitForEvent('download'), lab.id('checkpoint.download').click()]);
    const good = await readFile((await download.path())!);
    await picker.setInputFiles({ name: 'cut.bnckpt', mimeType: 'application/octet-stream', buffer: good.subarray(0, good.length - 100) });
    await expect(lab.id('notice')).toContainText(/cut\.bnckpt is not a usable checkpoint: .*truncated/);
    expect((await lab.currentRun())!.id).toBe(before.id);

    // Passes the page's first look (sizes add up) but names a tensor the model does not have:
    // the worker refuses it, and the screen goes back to the run it showed.
    const tampered = Buffer.from(good);
    const headerLen = tampered.readUInt32LE(8);
    const header = tampered.subarray(12, 12 + headerLen).toString('utf8').replace('"stem.bn.gamma"', '"stem.bn.gamxa"');
    tampered.write(header, 12, 'utf8');
    await picker.setInputFiles({ name: 'tampered.bnckpt', mimeType: 'application/octet-stream', buffer: tampered });
    await expect(lab.id('notice')).toContainText(/stem\.bn\.gamxa|checkpoint/i);
    await expect.poll(async () => (await lab.currentRun())!.id).toBe(before.id);
    expect(await lab.testAccuracy()).toBe(accuracy);
  });
});
