#!/usr/bin/env node
// pretest: the browser tests drive Debian's Chromium (browser downloads are blocked); install it, and CJK fonts
// so Chinese renders in screenshots, when missing. Needs root or sudo, as on CI machines.
'use strict';
const fs = require('node:fs');
const { execSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';
const FONTS = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function have() {
  return fs.existsSync(CHROMIUM) && fs.existsSync(FONTS);
}

if (process.env.LEDGERLINK_SKIP_BROWSER_INSTALL === '1' || have()) process.exit(0);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = asRoot ? '' : 'sudo ';
console.error('ledgerlink: installing Debian chromium and fonts-noto-cjk for the browser tests…');
try {
  execSync(`${sudo}apt-get update -qq`, { stdio: 'inherit' });
  execSync(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk`, { stdio: 'inherit' });
} catch (e) {
  console.error(`ledgerlink: could not install chromium (${e.message}); install it with: apt-get install -y chromium fonts-noto-cjk`);
  process.exit(1);
}
if (!have()) {
  console.error(`ledgerlink: ${CHROMIUM} is still missing after the install`);
  process.exit(1);
}
