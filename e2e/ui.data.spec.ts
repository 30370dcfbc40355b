/**
 * The data panel's side of issue 3, end to end: the served CIFAR-10 loads with a visible
 * byte progress bar; a small archive made in the test from the first records of the real
 * files can be dropped on the page; the file picker takes .bin files; bad files and an
 * unreachable URL get their own clear messages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { buildTar, officialMembers } from '../src/core/data/testing/tarWriter.ts';
import { LabPage } from './pages/LabPage.ts';

const SERVED = join(process.cwd(), 'public/data/cifar10');
const RECORD = 3073;
const NAMES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin'];

/** The first `records` records of each real batch file, plus the real meta file. */
async function smallRealFiles(records: number): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of NAMES) files.set(name, (await readFile(join(SERVED, name))).subarray(0, records * RECORD));
  files.set('batches.meta.txt', await readFile(join(SERVED, 'batches.meta.txt')));
  return files;
}

test('served data loads with a visible byte progress bar', async ({ page }) => {
  const lab = new LabPage(page);
  await page.goto('/');
  await expect(lab.id('data.progress')).toBeVisible({ timeout: 30_000 });
  await expect(lab.id('data.status')).toContainText(/Loading .*MB/);
  await lab.waitForDataReady();
  await expect(lab.id('data.status')).toContainText('50,000 training and 10,000 test images');
  await expect(lab.id('data.progress')).toHaveCount(0);
});

test('a dropped archive (made from the real files) is loaded', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForDataReady();
  const gz = gzipSync(buildTar(officialMembers(await smallRealFiles(40))));
  await lab.id('data.dropzone').locator('xpath=ancestor::details').locator('summary').click();
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'cifar-10-binary.tar.gz', { type: 'application/gzip' }));
    const zone = document.querySelector('[data-testid="data.dropzone"]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, gz.toString('base64'));
  await expect(lab.id('data.status')).toContainText('200 training and 40 test images', { timeout: 60_000 });
});

test('the file picker takes .bin files and explains a wrong one', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForDataReady();
  await lab.id('data.dropzone').locator('xpath=ancestor::details').locator('summary').click();
  const files = await smallRealFiles(30);
  const payload = (names: string[]) => names.map((name) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(files.get(name)!) }));
  await lab.id('data.filePicker').setInputFiles([...payload(NAMES), { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') }]);
  await expect(lab.id('data.dropzone')).toContainText('notes.txt: not a CIFAR-10 file');
  const cut = Buffer.from(files.get('test_batch.bin')!.subarray(0, 100));
  await lab.id('data.filePicker').setInputFiles([...payload(NAMES.slice(0, 5)), { name: 'test_batch.bin', mimeType: 'application/octet-stream', buffer: cut }]);
  await expect(lab.id('data.dropzone')).toContainText('test_batch.bin is 100 bytes, not a whole number of 3073-byte records');
  await lab.id('data.filePicker').setInputFiles(payload(NAMES));
  await expect(lab.id('data.status')).toContainText('150 training and 30 test images', { timeout: 60_000 });
});

test('a URL the browser cannot read is explained in words', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForDataReady();
  await lab.id('data.dropzone').locator('xpath=ancestor::details').locator('summary').click();
  await lab.fill('data.url', 'http://example.com/cifar-10-binary.tar.gz');
  await lab.id('data.urlLoad').click();
  await expect(page.getByText('Only https URLs are allowed')).toBeVisible();
  await lab.fill('data.url', 'https://cifar.invalid/cifar-10-binary.tar.gz');
  await lab.id('data.urlLoad').click();
  await expect(lab.id('data.status')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(lab.id('data.status')).toContainText('does not allow other sites to read it');
});
