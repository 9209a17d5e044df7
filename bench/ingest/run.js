#!/usr/bin/env node
// `npm run bench:ingest`: bundles bench/ingest/ingest.bench.ts with esbuild (as bench/run.js does) so the load
// generator runs as plain JavaScript, then runs it. It starts the real server (`node bin/start.js`, which builds the
// app when the build is missing or stale) on ports of 3400–3499 with temporary databases. Last line:
// `ingest/baseline=<ratio> ack_p99_ms=<n> voucher_p95_ms=<n>`.
'use strict';
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerlink-bench-ingest-')), 'ingest.bench.js');
esbuild.buildSync({
  entryPoints: [path.join(__dirname, 'ingest.bench.ts')],
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
