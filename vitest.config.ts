import { defineConfig } from 'vitest/config';

// Unit tests run in Node: src/core must not need a DOM.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
