/**
 * `npm run db:backup` and `npm run db:restore -- <file>` (docs/decisions/0012-durability-and-backups.md).
 *
 *   npm run db:backup                          # DATABASE_URL, default the dev DB mysql://root@127.0.0.1:3307/shop
 *   npm run db:backup -- --dir /srv/backups    # default .data/backups (BACKUP_DIR)
 *   npm run db:restore -- .data/backups/shop-20261203T101500Z.sql.gz            # into DATABASE_URL's database
 *   npm run db:restore -- <file> --replace     # drop and recreate a database that already has tables
 *
 * A backup is one consistent snapshot (`mariadb-dump --single-transaction`: InnoDB's REPEATABLE READ,
 * no table locks, so the shop keeps selling while it runs), gzipped, written under a temporary name
 * and renamed when complete. When the binary log is on, the dump records its binlog position
 * (`--master-data=2`, a comment), from which `mariadb-binlog` replays later changes for
 * point-in-time recovery. The dump names no database, so it restores into any one. The password,
 * if the URL has one, reaches the client tools through MYSQL_PWD, never on their command line.
 * After a restore, `npm run check:consistency` against it says whether the money and stock add up.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import mysql from 'mysql2/promise';
import { DATA_DIR } from './lib/paths';
import { ensureDatabase } from './lib/services';

type Target = { host: string; port: string; user: string; password: string; database: string };

function targetOf(databaseUrl: string): Target {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`the URL must name a database ([A-Za-z0-9_]+), got "${database}"`);
  return {
    host: url.hostname || '127.0.0.1',
    port: url.port || '3306',
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database,
  };
}

const clientArgs = (t: Target) => [`--host=${t.host}`, `--port=${t.port}`, `--user=${t.user}`, '--protocol=TCP'];
const clientEnv = (t: Target): NodeJS.ProcessEnv => ({ ...process.env, ...(t.password ? { MYSQL_PWD: t.password } : {}) });

/** Dumps the database of `databaseUrl` to `<dir>/<database>-<UTC time>.sql.gz`; returns the file. */
export async function backupDatabase(databaseUrl: string, dir = path.join(DATA_DIR, 'backups')): Promise<string> {
  const target = targetOf(databaseUrl);
  const conn = await mysql.createConnection({ uri: databaseUrl });
  let binlogOn: boolean;
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT @@log_bin AS on_');
    binlogOn = Number(rows[0].on_) === 1;
  } finally {
    await conn.end();
  }
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(dir, `${target.database}-${stamp}.sql.gz`);
  const partial = `${file}.partial`;
  const dump = spawn(
    'mariadb-dump',
    [
      ...clientArgs(target),
      '--single-transaction',
      '--quick',
      '--routines',
      '--triggers',
      '--events',
      '--hex-blob',
      '--default-character-set=utf8mb4',
      ...(binlogOn ? ['--master-data=2'] : []),
      target.database,
    ],
    { env: clientEnv(target), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = exitOf(dump, 'mariadb-dump');
  try {
    await pipeline(dump.stdout!, zlib.createGzip(), fs.createWriteStream(partial));
    await exited;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  fs.renameSync(partial, file);
  return file;
}

/**
 * Loads a backup into the database of `databaseUrl`, created if missing. A database that already
 * has tables is refused unless `replace` (then it is dropped and created afresh).
 */
export async function restoreDatabase(databaseUrl: string, file: string, options: { replace?: boolean } = {}): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no such backup: ${file}`);
  const target = targetOf(databaseUrl);
  await ensureDatabase(databaseUrl);
  const conn = await mysql.createConnection({ uri: databaseUrl });
  try {
    const [rows] = await conn.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [
      target.database,
    ]);
    if (Number(rows[0].n) > 0) {
      if (!options.replace) throw new Error(`database ${target.database} already has tables; pass --replace to drop and recreate it`);
      await ensureDatabase(databaseUrl, { recreate: true });
    }
  } finally {
    await conn.end();
  }
  const client = spawn('mariadb', [...clientArgs(target), '--default-character-set=utf8mb4', target.database], {
    env: clientEnv(target),
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  const exited = exitOf(client, 'mariadb');
  await pipeline(fs.createReadStream(file), zlib.createGunzip(), client.stdin!);
  await exited;
}

function exitOf(child: ReturnType<typeof spawn>, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${what} exited with ${code}: ${stderr.trim()}`))));
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3307/shop';
  if (command === 'backup') {
    const dirAt = rest.indexOf('--dir');
    const dir = dirAt >= 0 ? rest[dirAt + 1] : process.env.BACKUP_DIR;
    const file = await backupDatabase(databaseUrl, dir ? path.resolve(dir) : undefined);
    console.log(`backup written: ${file} (${Math.round(fs.statSync(file).size / 1024)} KiB)`);
  } else if (command === 'restore') {
    const file = rest.find((arg) => !arg.startsWith('--'));
    if (!file) throw new Error('usage: npm run db:restore -- <file.sql.gz> [--replace]');
    await restoreDatabase(databaseUrl, path.resolve(file), { replace: rest.includes('--replace') });
    console.log(`restored ${file} into ${targetOf(databaseUrl).database}; check it with npm run check:consistency`);
  } else {
    throw new Error('usage: db-backup.ts backup [--dir DIR] | restore <file> [--replace]');
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
