/**
 * Playwright global setup: prepares the real CIFAR-10 into public/data/cifar10/ with
 * `npm run data -- --from $CIFAR10_DIR` (default ../shared/cifar-10-batches-bin), so the
 * built app served by `vite preview` finds /data/cifar10/manifest.json. The script is a
 * no-op when the data is already prepared. Fails loudly, naming the folder, when it cannot.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function globalSetup(): void {
  const from = resolve(process.env.CIFAR10_DIR ?? '../shared/cifar-10-batches-bin');
  if (!existsSync(from)) {
    throw new Error(`e2e setup: CIFAR-10 folder ${from} does not exist; set CIFAR10_DIR to a cifar-10-batches-bin folder or the .tar.gz`);
  }
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'data', '--', '--from', from], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) throw new Error(`e2e setup: \`npm run data -- --from ${from}\` failed (exit ${r.status ?? r.signal})`);
  console.log(`e2e setup: CIFAR-10 ready in public/data/cifar10 (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
