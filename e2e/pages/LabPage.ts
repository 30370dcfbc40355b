/**
 * Page object of the lab over its dotted data-testids and the typed test handle
 * (`window.__bnlab`). Specs say what a user does ("start a tiny run"), this file says how.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BnLabTestHandle } from '../../src/ui/app/testHandle.ts';

/** Settings of a run small enough to finish in seconds on wasm/cpu. */
export interface TinyRun {
  depth?: number;
  width?: number;
  mode?: string;
  epochs?: number;
  batchSize?: number;
  trainSize?: number;
  testSize?: number;
  seed?: number;
  backend?: 'auto' | 'wasm' | 'cpu' | 'webgl' | 'webgpu';
}

/** Backend for the UI specs: wasm (fast on CPU for BN-only); UI_E2E_BACKEND overrides it. */
export const E2E_BACKEND = (process.env.UI_E2E_BACKEND ?? 'wasm') as Required<TinyRun>['backend'];

export const TINY: Required<TinyRun> = { depth: 8, width: 4, mode: 'bn', epochs: 2, batchSize: 50, trainSize: 500, testSize: 200, seed: 1, backend: E2E_BACKEND };

export class LabPage {
  constructor(readonly page: Page) {}

  id(testId: string): Locator {
    return this.page.getByTestId(testId);
  }

  /** Opens the lab; the spec backend goes into the link unless the query names one (no second init). */
  async open(query = ''): Promise<void> {
    const q = /[?&]be=/.test(query) ? query : `${query || '?'}${query.length > 1 ? '&' : ''}be=${E2E_BACKEND}`;
    await this.page.goto(`/${q}`);
    await expect(this.id('app')).toBeVisible();
  }

  /** Series lengths of the current run (test handle). */
  counts(): Promise<ReturnType<BnLabTestHandle['counts']>> {
    return this.page.evaluate(() => window.__bnlab!.counts());
  }

  /** The current run's latest test accuracy (test handle). */
  testAccuracy(): Promise<number | null> {
    return this.page.evaluate(() => window.__bnlab!.testAccuracy());
  }

  /** The current run's config and status (test handle). */
  currentRun(): Promise<{ id: string; status: string; config: Record<string, unknown>; backend: string | null } | null> {
    return this.page.evaluate(() => {
      const r = window.__bnlab!.state().run;
      return r && { id: r.id, status: r.status, config: { ...r.config }, backend: r.backend?.name ?? null };
    });
  }

  async waitForDataReady(timeout = 120_000): Promise<void> {
    await expect(this.id('data.status')).toHaveAttribute('data-status', 'ready', { timeout });
  }

  /** Opens the page with its served data ready and unfolds "Use other CIFAR-10 files". */
  async openDataSources(): Promise<void> {
    await this.open();
    await this.waitForDataReady();
    await this.id('data.dropzone').locator('xpath=ancestor::details').locator('summary').click();
  }

  async fill(testId: string, value: string | number): Promise<void> {
    await this.id(testId).fill(String(value));
  }

  async openRecipe(): Promise<void> {
    const details = this.id('panel.recipe');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }

  /** Sets up a run through the form, as a user would. */
  async configure(run: TinyRun = {}): Promise<void> {
    const r = { ...TINY, ...run };
    await this.fill('config.depth', r.depth);
    await this.fill('config.width', r.width);
    await this.id('config.mode').selectOption(r.mode);
    await this.fill('config.trainSize', r.trainSize);
    await this.fill('config.testSize', r.testSize);
    await this.fill('config.seed', r.seed);
    await this.openRecipe();
    await this.fill('config.epochs', r.epochs);
    await this.fill('config.batchSize', r.batchSize);
    await this.id('config.backend').selectOption(r.backend);
  }

  async start(): Promise<void> {
    await expect(this.id('run.start')).toBeEnabled();
    await this.id('run.start').click();
  }

  /** Reloads once every run write has reached IndexedDB (a user's rename, the final save). */
  async reloadWhenSaved(): Promise<void> {
    await this.page.evaluate(() => window.__bnlab!.savesSettled());
    await this.page.reload();
  }

  runStatus(): Locator {
    return this.id('run.status');
  }

  async waitForStatus(status: string | RegExp, timeout = 120_000): Promise<void> {
    await expect(this.runStatus()).toHaveAttribute('data-status', status, { timeout });
  }

  /** Points currently drawn by a chart (its data-points attribute). */
  async chartPoints(testId: string): Promise<number> {
    return Number(await this.id(testId).getAttribute('data-points'));
  }

  async waitForChartPoints(testId: string, min = 1, timeout = 60_000): Promise<void> {
    await expect.poll(() => this.chartPoints(testId), { timeout }).toBeGreaterThanOrEqual(min);
  }

  /**
   * Pixels of a chart's canvas within a small distance of an `#rrggbb` colour: whether the
   * plot drew its series (axes and grid are other colours).
   */
  async pixelsOfColor(testId: string, hex: string): Promise<number> {
    return this.id(testId).locator('canvas').first().evaluate((c: HTMLCanvasElement, h: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 200 && Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) n++;
      }
      return n;
    }, hex);
  }

  /** The link the share panel shows after a share button. */
  async sharedLink(button: 'share.copy' | 'share.copyRun' | 'share.model' | 'embed.copy'): Promise<string> {
    const link = this.id('share.link');
    const before = (await link.count()) ? Number(await link.getAttribute('data-serial')) : 0;
    await this.id(button).click();
    await expect(link).toHaveAttribute('data-serial', String(before + 1));
    return link.inputValue();
  }
}
