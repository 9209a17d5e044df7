#!/usr/bin/env node
// `npm start`: builds the app when the build is missing or older than the sources, then serves it on PORT
// (default 3000), on loopback only unless HOSTNAME_BIND names another address. Migrations and the one-time demo
// seed run inside the server at start (instrumentation.ts). The server answers only to LEDGERLINK_PUBLIC_URL
// (default http://localhost:PORT, 127.0.0.1 too): see server/api/request-guard.ts.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { setInterval, clearInterval } = require('node:timers');
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

/** About how long the build takes on two cores (measured: README, "Quick start"); said up front, not promised. */
const BUILD_ESTIMATE_S = 40;
/** A line every this many seconds while Next is quiet, so a first start never looks stuck. */
const PROGRESS_EVERY_MS = 10_000;

/**
 * Runs `next build` with its own output shown as it comes, plus an elapsed-time line while it is silent (the
 * compile step prints nothing for most of a minute). Type checking and linting are `npm test`'s (next.config.mjs),
 * and the build writes no Turbopack cache: `npm start` rebuilds only after an update, when most of it is stale.
 */
function build(first) {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const [zh, en] = first ? ['仅首次启动', 'first start only'] : ['源代码有更新', 'the sources changed'];
  console.error(`ledgerlink: 正在构建界面…（${zh}，双核约 ${BUILD_ESTIMATE_S} 秒）/ building the app (${en}, about ${BUILD_ESTIMATE_S} s on two cores)…`);
  return new Promise((resolve) => {
    const child = spawn(next, ['build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LEDGERLINK_BUILD_CACHE: 'off' },
    });
    let lastOutput = Date.now();
    const relay = (to) => (chunk) => {
      lastOutput = Date.now();
      to.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    const ticker = setInterval(() => {
      if (Date.now() - lastOutput < PROGRESS_EVERY_MS - 500) return;
      console.error(`ledgerlink: 仍在构建… / still building… ${seconds()} s`);
      lastOutput = Date.now();
    }, 1000);
    const stop = (sig) => child.kill(sig);
    for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, stop);
    child.on('exit', (code, signal) => {
      clearInterval(ticker);
      for (const sig of ['SIGINT', 'SIGTERM']) process.off(sig, stop);
      if (code === 0) console.error(`ledgerlink: 构建完成，用时 ${seconds()} 秒 / built in ${seconds()} s; starting the server…`);
      else console.error(`ledgerlink: 构建失败（${seconds()} 秒，退出码 ${code ?? signal}），原因见上方输出 / the build failed after ${seconds()} s (exit ${code ?? signal}); its output is above.`);
      resolve(code ?? 1);
    });
  });
}

function serve() {
  const args = ['start', '-p', port, '-H', bind];
  // PORT in the environment too: the demo ledger target is this server, reached at 127.0.0.1:PORT.
  const child = spawn(next, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: port } });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

(async () => {
  if (needsBuild()) {
    const code = await build(!fs.existsSync(buildId));
    if (code !== 0) process.exit(code);
  }
  serve();
})();
