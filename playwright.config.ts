import { defineConfig } from '@playwright/test';

// Drives Debian's Chromium (never a downloaded browser). The app is built and served by
// `vite preview`; CIFAR-10 is prepared into public/data by the global setup.
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
  globalSetup: './e2e/globalSetup.ts',
  use: {
    baseURL: 'http://localhost:4173',
    trace: 'on-first-retry',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: {
    command: 'npx vite build && npx vite preview --port 4173 --strictPort',
    url: 'http://localhost:4173',
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
  },
});
