/**
 * Registers the wasm backend with its binaries served by Vite (`?url` imports, so they are
 * fingerprinted assets of the build, fetched same-origin under COEP). The threaded build is
 * used when the page is cross-origin isolated; vite.config.ts keeps its factory's source
 * intact so its pthread workers start (see keepWasmThreadsFactorySource).
 * Browser-only: imported lazily by worker.ts, before the backend initialises.
 */
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { reportedConcurrencyFor, wasmThreadCount } from './wasmThreads.ts';

setWasmPaths({
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
});

// tfjs caps the pool at half of the hardwareConcurrency its module reads when it instantiates;
// this worker shows it the figure that allows our count (nothing else in it reads the value).
const threads = wasmThreadCount(navigator.hardwareConcurrency);
Object.defineProperty(self.navigator, 'hardwareConcurrency', { configurable: true, get: () => reportedConcurrencyFor(threads) });
setThreadsCount(threads);

export { getThreadsCount };
