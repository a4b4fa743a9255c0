/**
 * `npm run test:faults`: the fault suite (scripts/faults/*.test.ts, README "Reliability"). Each
 * file starts its own MariaDB, Redis, WeChat sandbox and production BFF as separate processes
 * (scripts/src/faults/stack.ts) and kills some of them on purpose, so the BFF is built once here
 * first and the files run one after another. Extra arguments go to jest (e.g. a file name).
 * Prints how long the suite took; data lives under .data/faults-<pid>, removed after a green run
 * (FAULTS_KEEP=1 keeps it) and kept after a red one for its logs.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildBff } from './build/bff';
import { ensureOsPackages } from './lib/os-packages';
import { DATA_DIR, ROOT } from './lib/paths';
import { isAlive } from './lib/processes';

async function main(): Promise<number> {
  const started = performance.now();
  ensureOsPackages(['mariadb', 'redis']);
  removeStaleRunDirs();
  await buildBff();
  const dataDir = path.join(DATA_DIR, `faults-${process.pid}`);
  let code = 1;
  try {
    code = await runJest({ FAULTS_DATA_DIR: dataDir });
    console.log(`\ntest:faults took ${Math.round((performance.now() - started) / 1000)} s`);
    return code;
  } finally {
    // A failed run keeps its processes' logs (bff-<n>.log, sandbox.log, mariadbd.err per scenario).
    if (code !== 0) console.log(`logs of the failed run: ${path.relative(ROOT, dataDir)}/<scenario>/`);
    else if (process.env.FAULTS_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Data of runs whose process is gone. */
function removeStaleRunDirs(): void {
  if (!fs.existsSync(DATA_DIR)) return;
  for (const name of fs.readdirSync(DATA_DIR)) {
    const pid = /^faults-(\d+)$/.exec(name);
    if (pid && !isAlive(Number(pid[1]))) fs.rmSync(path.join(DATA_DIR, name), { recursive: true, force: true });
  }
}

function runJest(env: Record<string, string>): Promise<number> {
  const jest = path.join(ROOT, 'node_modules', '.bin', 'jest');
  const args = ['--ci', '--config', 'scripts/faults/jest.config.js', '--runInBand', ...process.argv.slice(2)];
  return new Promise((resolve) => {
    const child = spawn(jest, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env, NODE_ENV: 'test' } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

main().then(
  (code) => {
    console.log(code === 0 ? '\n✔ FAULT SCENARIOS PASSED' : '\n✘ FAULT SCENARIOS FAILED');
    process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('\n✘ FAULT SCENARIOS FAILED (could not run them)');
    process.exit(1);
  },
);
