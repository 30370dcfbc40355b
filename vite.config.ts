import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// COOP/COEP make the page cross-origin isolated, which multi-threaded wasm needs
// (SharedArrayBuffer). Both the dev and the preview server send them.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs-backend-wasm starts its pthread workers from `factory.toString()` of the threaded
 * build. Bundled and minified, that source refers to renamed outer variables and the workers
 * die ("e is not defined"). Evaluating the file from a string at run time keeps the factory's
 * source exactly as published, so multi-threaded wasm works in the built worker.
 */
function keepWasmThreadsFactorySource(): Plugin {
  return {
    name: 'keep-tfjs-wasm-threads-factory-source',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/.test(id.split('?')[0])) return null;
      return {
        code: `const module = { exports: {} };\nnew Function('module', 'exports', ${JSON.stringify(code)})(module, module.exports);\nexport default module.exports;\n`,
        map: null,
      };
    },
  };
}

export default defineConfig({
  plugins: [react(), keepWasmThreadsFactorySource()],
  server: { headers: isolation, port: 5173 },
  preview: { headers: isolation, port: 4173 },
  // Worker bundles get their own plugins: the wasm backend lives in the training worker.
  worker: { format: 'es', plugins: () => [keepWasmThreadsFactorySource()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  // tfjs-backend-wasm is pre-bundled like any dependency (its wasm-out files are CommonJS);
  // its binaries come from the `?url` imports in src/worker/wasmSetup.ts, not from relative paths.
});
