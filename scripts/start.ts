/**
 * `npm start`: prepare CIFAR-10 when it is missing (from CIFAR10_DIR or the official
 * download), then build the app and serve it with the cross-origin isolation headers.
 * Without data the app still starts: it explains how to load the files in the page.
 */
import { spawn } from 'node:child_process';
import { ensureData } from './data.ts';

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((res) => spawn(cmd, args, { stdio: 'inherit' }).on('exit', (code) => res(code ?? 1)));
}

async function main(): Promise<void> {
  try {
    const r = await ensureData({});
    process.stderr.write(`start: CIFAR-10 ${r.status === 'prepared' ? 'prepared' : 'ready'} in ${r.outDir}\n`);
  } catch (e) {
    process.stderr.write(
      `start: CIFAR-10 is not prepared (${(e as Error).message}).\n` +
        'start: the app starts anyway; load the data in the page (drop cifar-10-binary.tar.gz or the .bin files),\n' +
        'start: or run `npm run data -- --from path/to/cifar-10-binary.tar.gz` and restart.\n',
    );
  }
  const port = process.env.PORT ?? '4173';
  if ((await run('npx', ['vite', 'build', '--logLevel', 'warn'])) !== 0) process.exit(1);
  process.stderr.write(`start: serving http://localhost:${port}\n`);
  process.exit(await run('npx', ['vite', 'preview', '--port', port, '--strictPort']));
}

void main();
