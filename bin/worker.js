#!/usr/bin/env node
// `npm run worker`: the live worker as its own process (beside a server started with LEDGERLINK_WORKER=off, or
// beside other workers: leases keep them apart). Registers tsx so the TypeScript source runs without a build.
'use strict';
const path = require('node:path');
process.env.LEDGERLINK_ROOT = process.env.LEDGERLINK_ROOT || path.resolve(__dirname, '..');
require('tsx/cjs/api').register();
const { runWorkerProcess } = require('../server/worker/main.ts');
const { liveHandlers } = require('../server/services/live-handlers.ts');
runWorkerProcess(liveHandlers);
