/**
 * What a bench run stands on: private MariaDB and Redis under .data/bench-<pid>, the migrated
 * and seeded database, the WeChat sandbox, the production build of the BFF and the yardstick,
 * each as its own process, and the load generator as another.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, runMigrations, type Database } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { createLogger } from '../../../bff/src/logger';
import { connectRedis, type Redis } from '../../../bff/src/redis';
import { buildBff } from '../build/bff';
import { ROOT, TSX, TSX_SOURCE_FLAGS } from '../lib/paths';
import { freePort, spawnLogged, stopChild, waitForPort } from '../lib/processes';
import { ensureDatabase, startMariadb, startRedis, type LocalServer } from '../lib/services';
import { credentialsEnv, loadOrCreateCredentials } from '../wechat-sandbox';
import type { LoadJob, LoadSummary } from './load';

export type Service = { name: string; pid: number; url: string; child: ChildProcess; startupMs: number; logFile: string };

export type Stack = {
  dataDir: string;
  database: Database;
  databaseUrl: string;
  redis: Redis;
  redisUrl: string;
  sandbox: Service;
  bff: Service;
  yardstick: Service;
  bffEnv: NodeJS.ProcessEnv;
  load: (job: Omit<LoadJob, 'id'>) => Promise<LoadSummary>;
  /** Starts another BFF process on the same MariaDB/Redis (scale-out runs). */
  startBff: (name: string) => Promise<Service>;
  stop: () => Promise<void>;
};

/**
 * @param options.workers run `bff/dist/cluster.js` with BFF_WORKERS=workers (node:cluster, one port)
 *   instead of one `bff/dist/main.js`; RSS and CPU figures are then summed over its processes.
 */
export async function startStack(dataDir: string, options: { bffArgs?: string[]; workers?: number } = {}): Promise<Stack> {
  const servers: LocalServer[] = [];
  const children: ChildProcess[] = [];
  fs.mkdirSync(dataDir, { recursive: true });
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child, 5_000);
    for (const server of servers.reverse()) await server.stop();
  };
  try {
    const [mariadb, redisServer] = await Promise.all([
      freePort().then((port) => startMariadb(dataDir, port)),
      freePort().then((port) => startRedis(path.join(dataDir, 'redis'), port)),
    ]);
    servers.push(mariadb, redisServer);
    const databaseUrl = `${mariadb.url}/shop`;
    await ensureDatabase(databaseUrl);
    const database = createDatabase(databaseUrl, { connectionLimit: 8 });
    await runMigrations(database.db);
    await seedDemo(database.db);
    const redis = await connectRedis(redisServer.url, createLogger('silent'));

    const credentialsDir = path.join(dataDir, 'wechat');
    const credentials = await loadOrCreateCredentials(credentialsDir);
    await buildBff();

    const ports = { sandbox: await freePort(), bff: await freePort(), yardstick: await freePort() };
    const tsx = (name: string, script: string, env: NodeJS.ProcessEnv, port: number) =>
      startService(name, TSX, [...TSX_SOURCE_FLAGS, script], env, port, dataDir, children);
    const sandboxBase = `http://127.0.0.1:${ports.sandbox}`;
    const [sandbox, yardstick] = await Promise.all([
      tsx(
        'sandbox',
        'scripts/src/wechat-sandbox/main.ts',
        { ...process.env, SANDBOX_PORT: String(ports.sandbox), SANDBOX_CREDENTIALS_DIR: credentialsDir, SANDBOX_PAY_MODE: 'public_key' },
        ports.sandbox,
      ),
      startService(
        'yardstick',
        process.execPath,
        ['--import', 'tsx', 'scripts/src/bench/yardstick.ts'],
        { ...process.env, PORT: String(ports.yardstick), NODE_ENV: 'production' },
        ports.yardstick,
        dataDir,
        children,
      ),
    ]);

    const bffEnv = productionBffEnv({
      databaseUrl,
      redisUrl: redisServer.url,
      sandboxBase,
      // Notifications cannot reach this https address: payments settle through the order page's
      // query to WeChat, the production path for a late notification.
      publicBaseUrl: 'https://bff.bench.example',
      credentials,
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
    });
    const startBff = async (name: string) => {
      const port = name === 'bff' ? ports.bff : await freePort();
      return startService(
        name,
        process.execPath,
        [...(options.bffArgs ?? []), options.workers ? 'bff/dist/cluster.js' : 'bff/dist/main.js'],
        { ...bffEnv, PORT: String(port), ...(options.workers ? { BFF_WORKERS: String(options.workers) } : {}) },
        port,
        dataDir,
        children,
      );
    };
    const bff = await startBff('bff');
    const load = await startLoadProcess(children);
    return { dataDir, database, databaseUrl, redis, redisUrl: redisServer.url, sandbox, bff, yardstick, bffEnv, load, startBff, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

const PER_IP_LIMITS = [
  'RATE_LIMIT_LOGIN_PER_IP',
  'RATE_LIMIT_ORDER_PER_IP',
  'RATE_LIMIT_COUPON_CLAIM_PER_IP',
  'RATE_LIMIT_COUPON_SCAN_PER_IP',
  'RATE_LIMIT_PICKUP_VERIFY_PER_IP',
];

/**
 * The env of a production BFF (`node bff/dist/main.js`, NODE_ENV=production) on these servers, with
 * WeChat being the sandbox at `sandboxBase` and fresh code secrets. `publicBaseUrl` is where the
 * sandbox sends notifications (production insists on https).
 */
export function productionBffEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  sandboxBase: string;
  publicBaseUrl: string;
  credentials: Awaited<ReturnType<typeof loadOrCreateCredentials>>;
  logLevel?: string;
}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: options.logLevel ?? 'info',
    CORS_ORIGINS: 'https://h5.bench.example',
    PUBLIC_BASE_URL: options.publicBaseUrl,
    WECHAT_API_BASE: options.sandboxBase,
    WECHATPAY_API_BASE: options.sandboxBase,
    WECHAT_TEMPLATE_GROUP_RESULT: 'bench-group-result',
    WECHAT_TEMPLATE_PICKUP_READY: 'bench-pickup-ready',
    WECHAT_TEMPLATE_COUPON_EXPIRING: 'bench-coupon-expiring',
    WECHAT_TEMPLATE_FLASH_START: 'bench-flash-start',
    WECHAT_TEMPLATE_LIVE_START: 'bench-live-start',
    MEMBER_CODE_SECRET: randomBytes(32).toString('hex'),
    PICKUP_CODE_SECRET: randomBytes(32).toString('hex'),
    COUPON_CODE_SECRET: randomBytes(32).toString('hex'),
    // The load comes from one address standing for thousands of phones: per-IP request limits
    // would measure the limiter. Per-member and per-device limits stay as production sets them.
    ...Object.fromEntries(PER_IP_LIMITS.map((name) => [name, '1000000'])),
    ...credentialsEnv(options.credentials, 'public_key'),
  };
}

/** Spawns a service logging to `<dataDir>/<name>.log` and resolves once it listens on `port` (rejects if it dies first). */
export async function startService(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  dataDir: string,
  children: ChildProcess[],
): Promise<Service> {
  const logFile = path.join(dataDir, `${name}.log`);
  const started = performance.now();
  const child = spawnLogged(command, args, logFile, env);
  children.push(child);
  const died = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code}; see ${logFile}:\n${tail(logFile)}`))),
  );
  await Promise.race([waitForPort(port, '127.0.0.1', 60_000), died]);
  died.catch(() => undefined);
  return { name, pid: child.pid!, url: `http://127.0.0.1:${port}`, child, startupMs: Math.round(performance.now() - started), logFile };
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

async function startLoadProcess(children: ChildProcess[]): Promise<(job: Omit<LoadJob, 'id'>) => Promise<LoadSummary>> {
  const child = fork(path.join(ROOT, 'scripts/src/bench/load.ts'), [], {
    execArgv: ['--conditions=shop-source', '--import', 'tsx'],
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`load process exited with code ${code}`)));
  });
  const pending = new Map<number, { resolve: (s: LoadSummary) => void; reject: (e: Error) => void }>();
  child.on('message', (message: { id: number; summary?: LoadSummary; error?: string }) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.summary) waiter.resolve(message.summary);
    else waiter.reject(new Error(message.error));
  });
  let next = 0;
  return (job) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      child.send({ ...job, id });
    });
}

/** Resident memory of a process from /proc: now and the high-water mark since it started (MB). */
export function rssOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, peakMb: 0 };
  }
}

/** A process and its direct children (the cluster's workers), from /proc. */
export function withChildren(pid: number): number[] {
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return [pid, ...(children ? children.split(/\s+/).map(Number) : [])];
  } catch {
    return [pid];
  }
}

/** CPU time (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The BFF's own start-up figure (from its 'bff listening' log line), when it logged one. */
export function bootMsOf(service: Service): number | null {
  const line = tail(service.logFile)
    .split('\n')
    .find((l) => l.includes('bff listening'));
  if (!line) return null;
  try {
    return (JSON.parse(line) as { bootMs?: number }).bootMs ?? null;
  } catch {
    return null;
  }
}
