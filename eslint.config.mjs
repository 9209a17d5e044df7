import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PURE_CORE_BANNED = [
  { group: ['next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*'], message: 'The pure core knows nothing of Next or React.' },
  { group: ['@trpc/*'], message: 'The pure core knows nothing of tRPC.' },
  { group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', '**/db/*', '#db/*'], message: 'The pure core knows nothing of the database.' },
  { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'], message: 'The pure core does no file I/O; callers pass data in.' },
  { group: ['**/services/*', '**/api/*', '**/cli/*', '#server/services/*', '#server/api/*'], message: 'Dependencies point inwards: engine ← connectors, ledgers ← services.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', '.scratch/', '.next/', 'data/', 'test-results/', 'playwright-report/', 'next-env.d.ts', 'db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['bin/**/*.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['server/engine/**/*.ts', 'server/connectors/**/*.ts', 'server/ledgers/**/*.ts', 'server/pipeline/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: PURE_CORE_BANNED }] },
  },
);
