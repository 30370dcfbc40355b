/**
 * Screenshots of the main screen after a tiny run — desktop (1280 px) and phone (375 px),
 * light and dark, plus classroom mode — saved under test-results/ui-screenshots/ and attached to the HTML report
 * (e2e-report/). The HTML reporter empties e2e-report/ when it writes, so a reporter listed
 * after it (e2e/pages/screenshotsReporter.ts) copies them to e2e-report/screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { LabPage, TINY } from './pages/LabPage.ts';
import { SCREENSHOT_SUBDIR } from './pages/screenshotsReporter.ts';

test('main screen: desktop and 375 px, light and dark', async ({ page }, info) => {
  test.setTimeout(240_000);
  const dir = join(info.project.outputDir, SCREENSHOT_SUBDIR);
  await mkdir(dir, { recursive: true });
  const lab = new LabPage(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await lab.open();
  await lab.waitForDataReady();
  await lab.configure({ ...TINY, epochs: 3 });
  await lab.start();
  await lab.waitForStatus('completed');
  await expect(lab.id('results.samples')).toBeVisible();
  await page.waitForTimeout(1500); // charts redraw at most once a second, one at a time
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, width] of [['desktop', 1280], ['phone', 375]] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width, height: name === 'phone' ? 812 : 900 });
      await page.waitForTimeout(300); // let the charts resize
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      const path = join(dir, `main-${name}-${scheme}.png`);
      await page.screenshot({ path, fullPage: true });
      await info.attach(`main-${name}-${scheme}`, { path, contentType: 'image/png' });
    }
  }
  // Classroom mode as a teacher would set it up from the share panel.
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await lab.id('panel.share').getByText('Classroom / embed mode').click();
  for (const part of ['recipe', 'data', 'runs']) await lab.id(`embed.hide.${part}`).check();
  await lab.id('embed.toggle').click();
  await expect(lab.id('panel.data')).toHaveCount(0);
  await page.waitForTimeout(300);
  const path = join(dir, 'classroom-desktop-light.png');
  await page.screenshot({ path, fullPage: true });
  await info.attach('classroom-desktop-light', { path, contentType: 'image/png' });
});
