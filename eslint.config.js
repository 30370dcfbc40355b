// Lint rules double as the layer boundaries of style.md: each layer imports only downward.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'test-results/', 'playwright-report/', 'e2e-report/', 'bench/results/', 'bench/reference/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      { group: ['react', 'react-dom', 'zustand', 'recharts'], message: 'src/core is pure: no UI libraries.' },
      { group: ['@tensorflow/tfjs-backend-*', '@tensorflow/tfjs'], message: 'src/core uses tfjs-core only; backends are chosen by the worker or the CLI.' },
      { group: ['node:*', 'fs', 'path', 'os'], message: 'src/core runs in the browser too: no Node modules.' },
      { group: ['**/ui/**', '**/worker/**', '**/protocol/**'], message: 'src/core imports nothing above it.' },
    ]),
  },
  {
    files: ['src/protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      { group: ['react', 'react-dom', '@tensorflow/*', 'node:*'], message: 'The protocol is types and small pure helpers.' },
      { group: ['**/ui/**', '**/worker/**'], message: 'src/protocol imports only core types.' },
    ]),
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      { group: ['react', 'react-dom', 'zustand', 'recharts'], message: 'The worker has no UI.' },
      { group: ['**/ui/**'], message: 'The worker talks to the UI only through src/protocol.' },
    ]),
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/main.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['@tensorflow/*'], message: 'The page never imports tfjs; training lives in the worker.' },
          { group: ['**/core/model/resnet*', '**/core/train/*', '**/core/ops/*'], message: 'The UI reaches training only through the protocol.', allowTypeImports: true },
          { group: ['**/worker/handler*', '**/worker/backend*'], message: 'The UI talks to the worker through the protocol client only.' },
        ],
      }],
    },
  },
);
