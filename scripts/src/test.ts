/**
 * `npm test`: every test of every workspace against a real MariaDB and a real Redis, started
 * privately for this run under .data/test-<pid> on free ports (so tests never see dev data, and
 * two runs side by side do not wipe each other's servers), then stopped and removed. Builds the H5 mini-program first when its build is missing or older than its sources,
 * because the browser tests drive it (TEST_SKIP_H5_BUILD=1 skips that while working on the backend). Extra arguments go to jest (e.g. `npm test -- bff`).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureOsPackages } from './lib/os-packages';
import { DATA_DIR, ROOT } from './lib/paths';
import { freePort } from './lib/processes';
import { startMariadb, startRedis, type LocalServer } from './lib/services';

async function main(): Promise<number> {
  ensureOsPackages(['mariadb', 'redis', 'chromium', 'cjkFonts']);
  buildH5IfStale();

  removeStaleRunDirs();
  const dataDir = path.join(DATA_DIR, `test-${process.pid}`);
  const servers: LocalServer[] = [];
  try {
    const mariadb = await startMariadb(dataDir, await freePort());
    servers.push(mariadb);
    const redis = await startRedis(dataDir, await freePort());
    servers.push(redis);
    console.log(`Test servers: MariaDB ${mariadb.url}, Redis ${redis.url}`);
    return await runJest({ TEST_MYSQL_URL: mariadb.url, TEST_REDIS_URL: redis.url });
  } finally {
    for (const server of servers.reverse()) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Data of runs whose process is gone (killed before cleaning up after itself). */
function removeStaleRunDirs(): void {
  if (!fs.existsSync(DATA_DIR)) return;
  for (const name of fs.readdirSync(DATA_DIR)) {
    const pid = /^test(?:-(\d+))?$/.exec(name);
    if (pid && !(pid[1] && isAlive(Number(pid[1])))) fs.rmSync(path.join(DATA_DIR, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runJest(env: Record<string, string>): Promise<number> {
  const jest = path.join(ROOT, 'node_modules', '.bin', 'jest');
  const args = ['--ci', ...process.argv.slice(2)];
  return new Promise((resolve) => {
    const child = spawn(jest, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env, NODE_ENV: 'test' } });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** The e2e tests drive miniapp/dist/h5; rebuild it when any miniapp source is newer. */
function buildH5IfStale(): void {
  if (process.env.TEST_SKIP_H5_BUILD === '1') return;
  const built = path.join(ROOT, 'miniapp', 'dist', 'h5', 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sources = ['src', 'config', 'babel.config.js', 'package.json'].map((p) => path.join(ROOT, 'miniapp', p));
  if (builtAt > 0 && newestMtime(sources) <= builtAt) return;
  console.log('Building the H5 mini-program for the browser tests …');
  const result = spawnSync('npm', ['-w', 'miniapp', 'run', 'build:h5'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('H5 build failed');
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((name) => path.join(p, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

main().then(
  (code) => {
    console.log(code === 0 ? '\n✔ ALL TESTS PASSED' : '\n✘ TESTS FAILED');
    process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('\n✘ TESTS FAILED (could not run the tests)');
    process.exit(1);
  },
);
