import { defineConfig } from 'vitest/config';

// Unit tests run in Node: src/core must not need a DOM. tfjs packages are inlined so that
// tests load tfjs-core's ESM build once, as the browser does; externalised, Node would load
// its CJS bundle next to the ESM gradient files and end up with two Tensor classes.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    server: { deps: { inline: [/@tensorflow\//] } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
