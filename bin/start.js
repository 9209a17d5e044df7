#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it on PORT
// (default 3000). Migrations and the one-time demo seed run inside the server at start (instrumentation.ts).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const next = path.join(root, 'node_modules', '.bin', 'next');
const buildId = path.join(root, '.next', 'BUILD_ID');
process.env.NEXT_TELEMETRY_DISABLED = '1';

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ['app', 'server', 'db', 'public'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const files = ['package.json', 'next.config.mjs', 'instrumentation.ts'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  return Math.max(...sources.map(newestSource), ...files.map((f) => fs.statSync(f).mtimeMs)) > built;
}

if (needsBuild()) {
  console.error('ledgerlink: building the app (first start or sources changed)…');
  const r = spawnSync(next, ['build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.PORT || '3000';
const args = ['start', '-p', port];
if (process.env.HOSTNAME_BIND) args.push('-H', process.env.HOSTNAME_BIND);
const child = spawn(next, args, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
