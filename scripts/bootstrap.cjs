#!/usr/bin/env node
/**
 * Runs before `npm run dev` and `npm test` with nothing but Node: on a fresh clone (no
 * node_modules) or after a pull that changed package-lock.json, it installs the locked
 * dependencies with `npm ci` and says so; otherwise it does nothing. So the README's two commands
 * are all a new machine needs.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lockfile = path.join(root, 'package-lock.json');
// npm writes this after every install; it is older than the lockfile when the lockfile changed since.
const installed = path.join(root, 'node_modules', '.package-lock.json');

function reason() {
  if (!fs.existsSync(installed)) return 'node_modules is missing';
  if (fs.statSync(installed).mtimeMs < fs.statSync(lockfile).mtimeMs) return 'package-lock.json changed since the last install';
  return null;
}

const why = reason();
if (why) {
  console.log(`bootstrap: ${why}; installing the locked dependencies (npm ci) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('bootstrap: npm ci failed (see above)');
    process.exit(result.status ?? 1);
  }
  console.log('bootstrap: dependencies installed');
}
