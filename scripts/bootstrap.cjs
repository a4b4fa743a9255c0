#!/usr/bin/env node
/**
 * Runs before `npm run dev` and `npm test` with nothing but Node: on a fresh clone (no
 * node_modules) or after a pull that changed package-lock.json, it installs the locked
 * dependencies with `npm ci` and says so; otherwise it does nothing. So the README's two commands
 * are all a new machine needs.
 *
 * "Older than the lockfile" is judged by content, not file times (an `npm install` of one package
 * rewrites both files in either order): every package the lockfile pins for every platform must
 * be in node_modules/.package-lock.json, the record npm keeps of what it installed, at that version.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const lockfile = path.join(root, 'package-lock.json');
const installedRecord = path.join(root, 'node_modules', '.package-lock.json');

function staleReason() {
  if (!fs.existsSync(installedRecord)) return 'node_modules is missing';
  const wanted = JSON.parse(fs.readFileSync(lockfile, 'utf8')).packages ?? {};
  const installed = JSON.parse(fs.readFileSync(installedRecord, 'utf8')).packages ?? {};
  for (const [where, entry] of Object.entries(wanted)) {
    // The root, workspace links, and packages for other platforms (npm skips those) are not installed copies.
    if (where === '' || entry.link || entry.optional || entry.os || entry.cpu) continue;
    if (!where.includes('node_modules/')) continue;
    if (installed[where]?.version !== entry.version) return `package-lock.json wants ${where} ${entry.version}`;
  }
  return null;
}

const why = staleReason();
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
