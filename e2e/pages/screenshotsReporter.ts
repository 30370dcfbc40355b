/**
 * A Playwright reporter that copies the UI screenshots into the report folder
 * (e2e-report/screenshots/). It must be listed after the 'html' reporter, which empties
 * e2e-report/ in its own onEnd; reporters' onEnd run in order.
 *   reporter: [['list'], ['html', { outputFolder: 'e2e-report' }], ['./e2e/pages/screenshotsReporter.ts']]
 */
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FullConfig, Reporter } from '@playwright/test/reporter';

/** Folder under the project's output folder (test-results/) where the screenshot spec writes. */
export const SCREENSHOT_SUBDIR = 'ui-screenshots';
/** Where they end up. */
export const REPORT_SCREENSHOT_DIR = join(process.cwd(), 'e2e-report', 'screenshots');

export default class ScreenshotsReporter implements Reporter {
  private from: string | null = null;

  onBegin(config: FullConfig): void {
    this.from = config.projects[0] ? join(config.projects[0].outputDir, SCREENSHOT_SUBDIR) : null;
  }

  async onEnd(): Promise<void> {
    if (!this.from) return;
    let names: string[];
    try {
      names = (await readdir(this.from)).filter((n) => n.endsWith('.png'));
    } catch {
      return; // the screenshot spec did not run
    }
    await cp(this.from, REPORT_SCREENSHOT_DIR, { recursive: true });
    console.log(`Screenshots: ${names.length} copied to ${REPORT_SCREENSHOT_DIR}`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
