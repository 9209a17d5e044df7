#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it on PORT
// (default 3000), on loopback only unless HOSTNAME_BIND names another address. Migrations and the one-time demo
// seed run inside the server at start (instrumentation.ts). The server answers only to LEDGERLINK_PUBLIC_URL
// (default http://localhost:PORT, 127.0.0.1 too): see server/api/request-guard.ts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync, spawn } = require('node:child_process');
const { URL } = require('node:url');

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
  const files = ['package.json', 'next.config.mjs', 'instrumentation.ts', 'proxy.ts'].map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
  return Math.max(...sources.map(newestSource), ...files.map((f) => fs.statSync(f).mtimeMs)) > built;
}

/**
 * Fails the start with a clear message when LEDGERLINK_PUBLIC_URL cannot be an origin (the request guard would
 * refuse every request), and warns when the server is reachable from the network at an address it will refuse.
 */
function checkPublicUrl() {
  const configured = (process.env.LEDGERLINK_PUBLIC_URL || '').trim();
  for (const part of configured.split(',').map((p) => p.trim()).filter(Boolean)) {
    let url = null;
    try {
      url = new URL(part);
    } catch {
      // reported below
    }
    const originOnly = url && /^https?:$/.test(url.protocol) && !url.username && !url.search && !url.hash && url.pathname === '/';
    if (!originOnly) {
      console.error(`ledgerlink: LEDGERLINK_PUBLIC_URL must be an origin such as https://ledger.example.com (no path), not "${part}"`);
      process.exit(2);
    }
  }
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(bind);
  if (!loopback && !configured)
    console.error(
      `ledgerlink: listening on ${bind}, but only http://localhost:${port} and http://127.0.0.1:${port} are answered; ` +
        'set LEDGERLINK_PUBLIC_URL to the address people open (e.g. http://ledger.intranet:3000).',
    );
}

const port = process.env.PORT || '3000';
// Loopback by default: the studio edits what lands in the books, so reaching it from the network is a choice.
const bind = process.env.HOSTNAME_BIND || '127.0.0.1';
checkPublicUrl();

if (needsBuild()) {
  console.error('ledgerlink: building the app (first start or sources changed)…');
  const r = spawnSync(next, ['build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const args = ['start', '-p', port, '-H', bind];
// PORT in the environment too: the demo ledger target is this server, reached at 127.0.0.1:PORT.
const child = spawn(next, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
