#!/usr/bin/env node
// The live worker as its own process: started by the server (its child, woken over IPC when an event is stored),
// or alone with `npm run worker` beside a server started with LEDGERLINK_WORKER=off; several may run, leases keep
// them apart. Registers tsx so the TypeScript source runs without a build.
'use strict';
const path = require('node:path');
process.env.LEDGERLINK_ROOT = process.env.LEDGERLINK_ROOT || path.resolve(__dirname, '..');
require('tsx/cjs/api').register();
const { runWorkerProcess } = require('../server/worker/main.ts');
const { liveWorkerHandlers, liveWorkerQueue } = require('../server/services/live-worker.ts');
// The same queue, handlers and lease as a worker inside the server.
const proc = runWorkerProcess(liveWorkerHandlers, { queueFor: liveWorkerQueue, leaseMs: 15_000, pollMs: 500 });
if (process.send) {
  process.on('message', (message) => {
    if (message === 'wake') proc.worker.wake();
  });
  // The server that started this worker is gone (stopped, or killed): finish the jobs in hand, then stop.
  process.on('disconnect', () => void proc.shutdown().then(() => process.exit(0)));
}
