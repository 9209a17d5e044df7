#!/usr/bin/env node
// Launcher: registers tsx's CommonJS loader so the TypeScript CLI runs right after `npm install`, no build step.
'use strict';
const path = require('node:path');
process.env.LEDGERLINK_ROOT = process.env.LEDGERLINK_ROOT || path.resolve(__dirname, '..');
process.env.LEDGERLINK_CLI_MAIN = '1';
require('tsx/cjs/api').register();
require('../server/cli/main.ts');
