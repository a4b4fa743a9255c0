/**
 * What a fault scenario stands on (`npm run test:faults`, docs/decisions/0012-durability-and-backups.md):
 * a MariaDB and a Redis of its own (so it may kill them), the WeChat sandbox, and the production
 * build of the BFF (`node bff/dist/main.js`, NODE_ENV=production), each its own process, under
 * .data/faults-<pid>/<label>. The pieces are the bench's (scripts/src/bench/stack.ts) and the test
 * runner's (scripts/src/lib/services.ts); what this adds is the means to break them: SIGKILL and
 * restart the BFF, Redis (restarting empty: it keeps nothing on disk) and MariaDB (durable, so it
 * keeps every commit).
 *
 * Production refuses a notify URL that is not https, so WeChat's notifications reach the BFF through
 * a TLS front (a local https proxy with a throwaway certificate the sandbox is told to trust), as
 * they would through a load balancer. While the BFF is down the front answers 502, and WeChat
 * retries on its schedule (shortened by `notifyTimeScale`).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { generate } from 'selfsigned';
import { createDatabase, runMigrations, type Database } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { ORDERS_QUEUE } from '../../../bff/src/jobs/order-jobs';
import { createLogger } from '../../../bff/src/logger';
import { connectRedis, type Redis } from '../../../bff/src/redis';
import { productionBffEnv, startService, type Service } from '../bench/stack';
import { DATA_DIR, ROOT, TSX, TSX_SOURCE_FLAGS } from '../lib/paths';
import { freePort, killChild, stopChild } from '../lib/processes';
import { ensureDatabase, startMariadb, startRedis, type LocalServer } from '../lib/services';
import { loadOrCreateCredentials } from '../wechat-sandbox';

export type FaultStackOptions = {
  /** Multiplies WeChat's notification retry schedule (15 s, 15 s, 30 s, …); default 0.1. */
  notifyTimeScale?: number;
  /** Extra env for the BFF (e.g. ORDER_PAY_TIMEOUT_MINUTES). */
  bffEnv?: NodeJS.ProcessEnv;
};

export type FaultStack = Awaited<ReturnType<typeof startFaultStack>>;

/** The run's data directory: one per `npm run test:faults` (the runner sets it), removed afterwards. */
export function faultsDataDir(): string {
  return process.env.FAULTS_DATA_DIR ?? path.join(DATA_DIR, `faults-${process.pid}`);
}

export async function startFaultStack(label: string, options: FaultStackOptions = {}) {
  const bffMain = path.join(ROOT, 'bff', 'dist', 'main.js');
  if (!fs.existsSync(bffMain)) throw new Error('bff/dist/main.js is missing: run the suite with npm run test:faults (it builds the BFF)');
  const dataDir = path.join(faultsDataDir(), label);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const [mariadbPort, redisPort] = [await freePort(), await freePort()];
    let mariadb: LocalServer = await startMariadb(dataDir, mariadbPort, { durability: 'durable' });
    cleanups.push(() => mariadb.stop());
    const redisDir = path.join(dataDir, 'redis');
    let redisServer: LocalServer = await startRedis(redisDir, redisPort);
    cleanups.push(() => redisServer.stop());

    const databaseUrl = `${mariadb.url}/shop`;
    await ensureDatabase(databaseUrl);
    const database: Database = createDatabase(databaseUrl, { connectionLimit: 8 });
    cleanups.push(() => database.close());
    await runMigrations(database.db);
    await seedDemo(database.db);
    const redis: Redis = await connectRedis(redisServer.url, createLogger('silent'));
    cleanups.push(async () => {
      await redis.quit().catch(() => redis.destroy());
    });

    // The same credentials for every run: generating RSA keys costs seconds.
    const credentials = await loadOrCreateCredentials(path.join(DATA_DIR, 'faults-wechat'));
    const front = await startTlsFront(dataDir);
    cleanups.push(() => front.close());

    const sandboxPort = await freePort();
    const sandbox = await startService(
      'sandbox',
      TSX,
      [...TSX_SOURCE_FLAGS, 'scripts/src/wechat-sandbox/main.ts'],
      {
        ...process.env,
        NODE_ENV: 'development',
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_CREDENTIALS_DIR: path.join(DATA_DIR, 'faults-wechat'),
        SANDBOX_PAY_MODE: 'public_key',
        SANDBOX_NOTIFY_TIME_SCALE: String(options.notifyTimeScale ?? 0.1),
        SANDBOX_REFUND_SETTLE_MS: '200',
        NODE_EXTRA_CA_CERTS: front.certFile,
      },
      sandboxPort,
      dataDir,
      children,
    );
    cleanups.push(() => stopChild(sandbox.child, 5_000));

    const bffPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...productionBffEnv({
        databaseUrl,
        redisUrl: redisServer.url,
        sandboxBase: sandbox.url,
        publicBaseUrl: front.url,
        credentials,
        logLevel: 'info',
      }),
      ...options.bffEnv,
      PORT: String(bffPort),
    };
    front.target(bffPort);
    let starts = 0;
    let bff: Service | undefined;
    const startBff = async (): Promise<Service> => {
      starts += 1;
      bff = await startService(`bff-${starts}`, process.execPath, [bffMain], env, bffPort, dataDir, children);
      return bff;
    };
    cleanups.push(async () => {
      if (bff) await stopChild(bff.child, 5_000);
    });
    await startBff();

    return {
      dataDir,
      database,
      db: database.db,
      databaseUrl,
      redis,
      sandboxUrl: sandbox.url,
      bffUrl: `http://127.0.0.1:${bffPort}`,
      /** The https address WeChat calls back on. */
      publicUrl: front.url,
      credentials,
      bff: () => bff!,
      /** SIGKILL: no graceful shutdown, in-flight transactions die with their connections. */
      killBff: async () => {
        if (bff) await killChild(bff.child);
      },
      startBff,
      mariadb: () => mariadb,
      killMariadb: () => mariadb.kill(),
      /** Starts MariaDB again on the same data and port (crash recovery replays its redo log). */
      startMariadb: async () => {
        mariadb = await startMariadb(dataDir, mariadbPort, { durability: 'durable' });
      },
      redisServer: () => redisServer,
      /** Kills Redis and starts it again on the same port with nothing in it (it keeps nothing on disk). */
      restartRedisEmpty: async () => {
        await redisServer.kill();
        fs.rmSync(redisDir, { recursive: true, force: true });
        redisServer = await startRedis(redisDir, redisPort);
      },
      killRedis: () => redisServer.kill(),
      startRedis: async () => {
        fs.rmSync(redisDir, { recursive: true, force: true });
        redisServer = await startRedis(redisDir, redisPort);
      },
      /** Adds a one-off run of one of the BFF's repeating jobs (scheduler.ts) to its queue and waits until its worker has run it. */
      runJob: async (name: string) => {
        const connection = new IORedis(redisServer.url, { maxRetriesPerRequest: null });
        const queue = new Queue(ORDERS_QUEUE, { connection });
        try {
          const job = await queue.add(name, {}, { removeOnComplete: false });
          const deadline = Date.now() + 60_000;
          while ((await job.getState()) !== 'completed') {
            if (Date.now() > deadline) throw new Error(`job ${name} did not complete within 60 s`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        } finally {
          await queue.close();
          connection.disconnect();
        }
      },
      /** The BFF's repeating job schedules as bullmq keeps them in Redis. */
      jobSchedules: async () => {
        const connection = new IORedis(redisServer.url, { maxRetriesPerRequest: null });
        const queue = new Queue(ORDERS_QUEUE, { connection });
        try {
          return (await queue.getJobSchedulers()).map((s) => s.key).sort();
        } finally {
          await queue.close();
          connection.disconnect();
        }
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * An https front on 127.0.0.1 forwarding every request to the BFF's port: WeChat's side of a load
 * balancer. Answers 502 while nothing listens behind it.
 */
async function startTlsFront(dataDir: string) {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048, algorithm: 'sha256' });
  const certFile = path.join(dataDir, 'front-cert.pem');
  fs.writeFileSync(certFile, pems.cert);
  let targetPort = 0;
  const server = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}`,
    certFile,
    target: (bffPort: number) => {
      targetPort = bffPort;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
