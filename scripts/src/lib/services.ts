import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { clearLeftovers, isPortFree, killChild, spawnLogged, stopChild, waitForPort } from './processes';

export type LocalServer = {
  url: string;
  port: number;
  pid: number;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash or an OOM kill would end it; resolves once the process is gone. */
  kill: () => Promise<void>;
};

/**
 * How MariaDB treats a commit (docs/decisions/0012-durability-and-backups.md):
 * - `durable`: the production settings. Every commit is flushed to disk (innodb_flush_log_at_trx_commit=1)
 *   and the binary log is on and synced per commit (sync_binlog=1), so a committed order survives a
 *   power cut and a backup can be rolled forward to a point in time. Dev and the fault suite run so.
 * - `fast`: `npm test` and the bench's throwaway servers flush the log once a second and keep no
 *   binary log; a crash of the whole box may lose the last second, which a test database can afford.
 */
export type Durability = 'durable' | 'fast';

const DURABILITY_FLAGS: Record<Durability, string[]> = {
  durable: ['--innodb-flush-log-at-trx-commit=1', '--log-bin=binlog', '--sync-binlog=1', '--binlog-format=ROW', '--server-id=1'],
  fast: ['--innodb-flush-log-at-trx-commit=2', '--skip-log-bin'],
};

/**
 * Starts a private MariaDB on loopback with its data under `dataDir` (never the system service).
 * Recovers from a crashed previous run: a leftover server of this data dir is stopped first.
 * Starting it again on the same `dataDir` keeps its data (a restart).
 */
export async function startMariadb(dataDir: string, port: number, options: { durability?: Durability } = {}): Promise<LocalServer> {
  const datadir = path.join(dataDir, 'mysql');
  const pidFile = path.join(dataDir, 'mariadbd.pid');
  const socket = path.join(dataDir, 'mysql.sock');
  fs.mkdirSync(dataDir, { recursive: true });
  await clearLeftovers(pidFile, datadir, [socket, `${socket}.lock`]);
  await assertPortFree(port, 'MariaDB');
  if (!fs.existsSync(path.join(datadir, 'mysql'))) {
    execFileSync(
      'mariadb-install-db',
      ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'],
      { stdio: 'ignore' },
    );
  }
  const child = spawnLogged(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${socket}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--user=root',
      `--pid-file=${pidFile}`,
      `--log-error=${path.join(dataDir, 'mariadbd.err')}`,
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--default-time-zone=+00:00',
      '--max-connections=500',
      '--innodb-buffer-pool-size=256M',
      ...DURABILITY_FLAGS[options.durability ?? 'fast'],
    ],
    path.join(dataDir, 'mariadbd.out'),
  );
  await waitUntilReady(child, () => waitForPort(port), 'MariaDB', path.join(dataDir, 'mariadbd.err'));
  return {
    url: `mysql://root@127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: () => stopChild(child, 30_000),
    kill: () => killChild(child),
  };
}

/** Starts a private Redis on loopback with no persistence (dev and test data are disposable). */
export async function startRedis(dataDir: string, port: number): Promise<LocalServer> {
  const pidFile = path.join(dataDir, 'redis.pid');
  fs.mkdirSync(dataDir, { recursive: true });
  await clearLeftovers(pidFile, `:${port}`, []);
  await assertPortFree(port, 'Redis');
  const child = spawnLogged(
    'redis-server',
    ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--pidfile', pidFile, '--dir', dataDir],
    path.join(dataDir, 'redis.log'),
  );
  await waitUntilReady(child, () => waitForPort(port), 'Redis', path.join(dataDir, 'redis.log'));
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, stop: () => stopChild(child), kill: () => killChild(child) };
}

/** Creates the database named in `databaseUrl` with the utf8mb4 charset Chinese text needs. */
export async function ensureDatabase(databaseUrl: string, options: { recreate?: boolean } = {}): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`database name must be [A-Za-z0-9_]+, got "${name}"`);
  url.pathname = '/';
  const conn = await mysql.createConnection({ uri: url.toString() });
  try {
    if (options.recreate) await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

async function assertPortFree(port: number, what: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new Error(`${what}: port ${port} is taken by another program; stop it or set the matching *_PORT / *_URL env`);
  }
}

async function waitUntilReady(child: ChildProcess, ready: () => Promise<void>, what: string, logFile: string): Promise<void> {
  const died = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code}; see ${logFile}`))),
  );
  await Promise.race([ready(), died]);
}
