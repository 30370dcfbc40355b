/**
 * Backend set-up for Node scripts: wasm (fast on CPU) with cpu as the fallback. Checks
 * that the backend really is the one asked for: a silent switch would mislabel figures.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';

// tfjs-core's Node bundle registers no gradients, and its ESM files do not load under
// Node's ESM resolver; through require (tsx transforms them) they register globally.
createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');

export type NodeBackend = 'wasm' | 'cpu';

export async function useBackend(wanted: NodeBackend | 'auto'): Promise<{ name: NodeBackend; note: string }> {
  const order: NodeBackend[] = wanted === 'auto' ? ['wasm', 'cpu'] : [wanted];
  const failures: string[] = [];
  for (const name of order) {
    let ok: boolean;
    try {
      ok = await tf.setBackend(name);
      await tf.ready();
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    if (ok && tf.getBackend() === name) {
      return { name, note: failures.length ? `fell back to ${name} (${failures.join('; ')})` : `${name} backend` };
    }
    failures.push(`${name}: setBackend returned ${ok}, active backend is ${tf.getBackend()}`);
  }
  throw new Error(`no usable backend: ${failures.join('; ')}`);
}
