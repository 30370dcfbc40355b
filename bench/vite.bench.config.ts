/**
 * Vite build of the benchmark page (bench/page/): the app's real worker, bundled as the
 * app bundles it, behind a small page that scripts/bench.ts drives. The COOP/COEP headers,
 * worker format, build target and dependency options come from the app's vite.config.ts,
 * so wasm gets its threads here as in the app. Output goes to bench/results/page/
 * (git-ignored), apart from the app's dist/.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import app from '../vite.config.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const isolation = app.preview?.headers ?? {};

export default defineConfig({
  root: here('./page/'),
  base: './',
  logLevel: 'warn',
  server: { headers: isolation, fs: { allow: [here('..')] } },
  preview: { headers: isolation },
  worker: app.worker,
  build: {
    outDir: here('./results/page/'),
    emptyOutDir: true,
    target: app.build?.target,
    chunkSizeWarningLimit: app.build?.chunkSizeWarningLimit,
  },
  optimizeDeps: app.optimizeDeps,
});
