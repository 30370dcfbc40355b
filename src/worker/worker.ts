/**
 * Entry of the dedicated module worker that owns tfjs: wires the backend packages (loaded
 * lazily, wasm with its Vite-served binaries) into the backend control and serves the
 * protocol on the worker's global scope. Everything else lives in handler.ts / backend.ts.
 * Created by client.ts: `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
 */
// tfjs-core registers no gradients by itself; training needs them (see src/core/train/step.ts).
// tfjs-core's own entry first: it registers the flags (DEBUG…) that registering gradients reads.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Endpoint } from '../protocol/endpoint.ts';
import { toErrorData, type WorkerEvent } from '../protocol/messages.ts';
import { createBackendControl } from './backend.ts';
import { serveTraining } from './handler.ts';

const scope = self as unknown as Endpoint & {
  addEventListener(type: 'error' | 'unhandledrejection', l: (ev: ErrorEvent | PromiseRejectionEvent) => void): void;
};

let wasmThreads = () => 1;

const backend = createBackendControl({
  loaders: {
    cpu: () => import('@tensorflow/tfjs-backend-cpu'),
    wasm: async () => {
      const m = await import('./wasmSetup.ts');
      wasmThreads = m.getThreadsCount;
    },
    webgl: () => import('@tensorflow/tfjs-backend-webgl'),
    webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  },
  wasmThreads: () => wasmThreads(),
});

serveTraining(scope, { backend });

// Anything that escapes the handler still reaches the page, as data.
const report = (e: unknown) => scope.postMessage({ type: 'error', scope: 'run', error: toErrorData(e) } satisfies WorkerEvent, []);
scope.addEventListener('error', (ev) => report((ev as ErrorEvent).error ?? (ev as ErrorEvent).message));
scope.addEventListener('unhandledrejection', (ev) => report((ev as PromiseRejectionEvent).reason));
