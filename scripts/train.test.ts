import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/core/config.ts';
import { readConfigFlags } from './lib/configArgs.ts';

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
    [['--depth', '15'], /^train: --depth: 15 is not of the form 6N\+2/],
    [['--nope'], /Unknown option '--nope'/],
  ])('rejects %j with a clear message and exit code 2', async (args, msg) => {
    const err = await train(...args, '--summary').catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(msg);
  });

  it('--help lists every config flag from the table with its default', async () => {
    const { stdout } = await train('--help');
    expect(stdout).toMatch(/--depth N\s+Depth \(6N\+2\); default 14 \(ResNet-14/);
    expect(stdout).toMatch(/--wd-bn on\|off\s+Weight decay also on BN γ and β; default on/);
    expect(stdout).toMatch(/--gamma-init uniform\|ones/);
  });
});

describe('config flags', () => {
  const read = (...args: string[]) => {
    const values: Record<string, string> = {};
    for (let i = 0; i < args.length; i += 2) values[args[i].slice(2)] = args[i + 1];
    return readConfigFlags(values);
  };
  it('reads every kind of field', () => {
    expect(read('--depth', '20', '--wd-bn', 'off', '--gamma-init', 'ones', '--lr', '5e-2', '--batch', '64')).toEqual({
      ...DEFAULT_CONFIG, depth: 20, wdOnBn: false, gammaInit: 'ones', lr: 0.05, batchSize: 64,
    });
  });
  it.each([
    [['--depth', '0x0e'], '--depth: "0x0e" is not a number'],
    [['--depth', ' 14'], '--depth: " 14" is not a number'],
    [['--mode', 'bnn'], '--mode: expected one of all, bn, bn+output, output, gamma, beta, random-k, no-affine, frozen, got "bnn"'],
    [['--lr', 'fast'], '--lr: "fast" is not a number'],
    [['--wd-bn', 'maybe'], '--wd-bn: expected 1 or 0 (on or off), got "maybe"'],
    [['--batch', '512', '--train-size', '100'], '--batch: 512 is larger than the training subset (100)'],
    [['--epochs', '1e999'], '--epochs: "1e999" is outside 0.01…1000'],
  ])('names the flag once: %j', (args, message) => {
    expect(() => read(...args)).toThrow(message);
  });
});
