import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#server\/(.*)$/, replacement: path.resolve(__dirname, 'server/$1') },
      { find: /^#db\/(.*)$/, replacement: path.resolve(__dirname, 'db/$1') },
    ],
  },
  test: {
    include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'bin/**/*.test.ts', 'app/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
