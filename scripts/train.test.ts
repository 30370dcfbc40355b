import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const train = (...args: string[]) => run('npx', ['tsx', 'scripts/train.ts', ...args], { cwd: process.cwd() });

describe('npm run train', () => {
  it('--summary prints the parameter counts as one JSON object', async () => {
    const { stdout } = await train('--summary', '--depth', '32', '--mode', 'random-k', '--k', '3');
    expect(JSON.parse(stdout)).toMatchObject({
      type: 'summary', depth: 32, total: 466906, bn: 2464, output: 650, conv: 466906 - 2464 - 650, trainable: 3 * 2464 / 2,
    });
  });

  it.each([
    [['--depth', '15'], /--depth: depth: 15 is not of the form 6N\+2/],
    [['--mode', 'bnn'], /--mode: mode: expected one of all, bn/],
    [['--lr', 'fast'], /--lr: lr: expected a number/],
    [['--wd-bn', 'maybe'], /--wd-bn/],
    [['--nope'], /Unknown option '--nope'/],
  ])('rejects %j with a clear message and exit code 2', async (args, msg) => {
    const err = await train(...args, '--summary').catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(msg);
  });
});
