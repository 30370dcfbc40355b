import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';

// Drives Debian's Chromium (never a downloaded browser). The web server first prepares the
// real CIFAR-10 into public/data (a no-op when present), then builds the app, so the build
// carries the data, and serves it with `vite preview`. Playwright starts the web server
// before any global setup, which is why the data step lives in its command.
const cifarDir = resolve(process.env.CIFAR10_DIR ?? '../shared/cifar-10-batches-bin');
// E2E_PORT lets two checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
const chromiumArgs = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--enable-unsafe-webgpu',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { outputFolder: 'e2e-report', open: 'never' }], ['./e2e/pages/screenshotsReporter.ts']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'on-first-retry',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: `npm run --silent data -- --from "${cifarDir}" && npx vite build && npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
  },
});
