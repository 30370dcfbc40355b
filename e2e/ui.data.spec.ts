/**
 * The data panel's side of issue 3, end to end: the served CIFAR-10 loads with a visible
 * byte progress bar; an archive dropped on the page is parsed by the worker (a small one made
 * from the first records of the real files is refused, naming the file; the official layout
 * built from the real files loads); the file picker takes the .bin files; bad files and an
 * unreachable URL get their own clear messages.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
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
  // A reload reads the verified files from the browser cache instead of downloading them.
  await page.reload();
  await lab.waitForDataReady();
  await expect(lab.id('data.status')).toContainText('from the browser cache');
});

/** Drops a file from disk on the drop zone: a hidden input takes the file, a drop event hands it over. */
async function dropFile(page: Page, path: string): Promise<void> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'e2e-drop-source';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#e2e-drop-source', path);
  await page.evaluate(() => {
    const input = document.getElementById('e2e-drop-source') as HTMLInputElement;
    const dt = new DataTransfer();
    dt.items.add(input.files![0]);
    input.remove();
    const zone = document.querySelector('[data-testid="data.dropzone"]')!;
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
}

test('a dropped archive is checked, and the real one is loaded and trained on, with its test images shown', async ({ page }, info) => {
  const lab = new LabPage(page);
  await lab.openDataSources();
  // A small archive made in the test from the first records of the real files: refused, naming the file.
  const small = info.outputPath('small-cifar-10-binary.tar.gz');
  await writeFile(small, gzipSync(buildTar(officialMembers(await smallRealFiles(40)))));
  await dropFile(page, small);
  await expect(lab.id('data.status')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(lab.id('data.status')).toContainText('data_batch_1.bin is truncated');
  // The official layout built from the real files loads.
  const full = info.outputPath('cifar-10-binary.tar.gz');
  await writeFile(full, gzipSync(buildTar(officialMembers(await smallRealFiles(10_000))), { level: 1 }));
  await dropFile(page, full);
  await expect(lab.id('data.status')).toContainText('50,000 training and 10,000 test images', { timeout: 120_000 });
  await expect(lab.id('data.status')).toContainText('archive');
  // A tiny run on it: the sample test images come from the archive too.
  await lab.configure({ epochs: 1, trainSize: 100, testSize: 100 });
  await lab.start();
  await lab.waitForStatus('completed');
  await expect(lab.id('results.samples').locator('canvas')).toHaveCount(16, { timeout: 60_000 });
});

test('the file picker takes the .bin files and explains a wrong one', async ({ page }, info) => {
  const lab = new LabPage(page);
  await lab.openDataSources();
  const picker = lab.id('data.filePicker');
  const paths = NAMES.map((n) => join(SERVED, n));
  const notes = info.outputPath('notes.txt');
  await writeFile(notes, 'hi');
  await picker.setInputFiles([...paths, notes]);
  await expect(lab.id('data.dropzone')).toContainText('notes.txt: not a CIFAR-10 file');
  const cut = info.outputPath('cut', 'test_batch.bin');
  await mkdir(dirname(cut), { recursive: true });
  await writeFile(cut, (await readFile(join(SERVED, 'test_batch.bin'))).subarray(0, 100));
  await picker.setInputFiles([...paths.slice(0, 5), cut]);
  await expect(lab.id('data.dropzone')).toContainText('test_batch.bin is 100 bytes, not a whole number of 3073-byte records');
  await expect(lab.id('data.status')).toHaveAttribute('data-status', 'ready'); // nothing changed
  await picker.setInputFiles(paths);
  await expect(lab.id('data.status')).toContainText(/Loading|ready/);
  await expect(lab.id('data.status')).toContainText('50,000 training and 10,000 test images', { timeout: 120_000 });
  await expect(lab.id('data.status')).toContainText('6 picked files');
});

test('a URL the browser cannot read is explained in words', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.openDataSources();
  await lab.fill('data.url', 'http://example.com/cifar-10-binary.tar.gz');
  await lab.id('data.urlLoad').click();
  await expect(page.getByText('Only https URLs are allowed')).toBeVisible();
  await lab.fill('data.url', 'https://cifar.invalid/cifar-10-binary.tar.gz');
  await lab.id('data.urlLoad').click();
  await expect(lab.id('data.status')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(lab.id('data.status')).toContainText('does not allow other sites to read it');
});
