import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = path.dirname(fileURLToPath(import.meta.url));

/**
 * `npm run test:reliability`: the heavy suite against the real server (`node bin/start.js`), one file at a time
 * (each starts its own server on a port of 3400–3499 and its own database). Not part of `npm run test:unit`, whose
 * config includes only the folders beside the code.
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: /^#server\/(.*)$/, replacement: path.resolve(__dirname, 'server/$1') },
      { find: /^#db\/(.*)$/, replacement: path.resolve(__dirname, 'db/$1') },
    ],
  },
  test: {
    include: ['reliability/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    // a file's first server start may build the app
    hookTimeout: 700_000,
    testTimeout: 300_000,
    // a test that passes only on retry is failing
    retry: 0,
  },
});
