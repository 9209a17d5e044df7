#!/usr/bin/env node
// `npm run bench`: bundles the benchmark with esbuild first, as production bundles the server code (Next does
// the same), so every contestant runs as plain JavaScript rather than through tsx's on-the-fly transpiler,
// whose per-function helpers cost the engine's many small closures more than the hand-written function.
'use strict';
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-bench-')), 'engine.bench.js');
esbuild.buildSync({
  entryPoints: [path.join(root, 'bench', 'engine.bench.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  outfile: out,
  logLevel: 'error',
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_ROOT: root, NODE_PATH: path.join(root, 'node_modules') },
});
fs.rmSync(path.dirname(out), { recursive: true, force: true });
process.exit(r.status ?? 1);
