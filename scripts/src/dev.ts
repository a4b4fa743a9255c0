/**
 * `npm run dev`: the whole product on this machine. Installs MariaDB/Redis with apt when
 * missing, runs them as private processes with data under .data/dev, migrates, seeds the demo
 * retailer, then starts the WeChat sandbox, the BFF and the H5 build of the mini-program.
 * DATABASE_URL / REDIS_URL point at existing servers instead. Ctrl-C stops everything.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, runMigrations } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { Children } from './lib/children';
import { loadOrCreateDevSecrets } from './lib/dev-secrets';
import { ensureOsPackages } from './lib/os-packages';
import { DATA_DIR, ROOT, TSX, TSX_SOURCE_FLAGS } from './lib/paths';
import { waitForPort } from './lib/processes';
import { ensureDatabase, startMariadb, startRedis, type LocalServer } from './lib/services';
import { credentialsEnv, loadOrCreateCredentials, type PayMode } from './wechat-sandbox';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const PORTS = {
  bff: port('BFF_PORT', 3000),
  sandbox: port('SANDBOX_PORT', 3100),
  h5: port('H5_PORT', 10086),
  mariadb: port('MARIADB_PORT', 3307),
  redis: port('REDIS_PORT', 6380),
};

async function main(): Promise<void> {
  const dataDir = path.join(DATA_DIR, 'dev');
  fs.mkdirSync(dataDir, { recursive: true });
  const childrenPidFile = path.join(dataDir, 'children.json');
  Children.stopLeftovers(childrenPidFile);
  const servers: LocalServer[] = [];
  const children = new Children(childrenPidFile, (name, code) => {
    console.error(`\n${name} exited unexpectedly (code ${code}); stopping everything.`);
    void shutdown(1);
  });
  let shuttingDown = false;
  const shutdown = async (exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log('\nStopping …');
    await children.stopAll();
    for (const server of servers.reverse()) await server.stop();
    console.log('Stopped.');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await startEverything(dataDir, servers, children);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

async function startEverything(dataDir: string, servers: LocalServer[], children: Children): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? (await startEmbedded('mariadb', servers, dataDir));
  const redisUrl = process.env.REDIS_URL ?? (await startEmbedded('redis', servers, dataDir));

  // `npm run dev -- --reset` starts from an empty database (fresh demo data).
  const reset = process.argv.includes('--reset');
  if (reset) console.log('Resetting the dev database (--reset)');
  await ensureDatabase(databaseUrl, { recreate: reset });
  const database = createDatabase(databaseUrl, { connectionLimit: 2 });
  await runMigrations(database.db);
  const summary = await seedDemo(database.db);
  await database.close();
  console.log(`Database ready (migrated, demo retailer seeded: ${JSON.stringify(summary)})`);

  // The sandbox and the BFF share generated merchant/platform keys, kept under .data (never in git).
  const credentialsDir = path.join(dataDir, 'wechat');
  const payMode: PayMode = process.env.SANDBOX_PAY_MODE === 'certificate' ? 'certificate' : 'public_key';
  const credentials = await loadOrCreateCredentials(credentialsDir);

  const sandboxBase = `http://127.0.0.1:${PORTS.sandbox}`;
  const bffBase = `http://127.0.0.1:${PORTS.bff}`;
  const h5Origin = `http://127.0.0.1:${PORTS.h5}`;
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: String(PORTS.bff),
    SANDBOX_PORT: String(PORTS.sandbox),
    SANDBOX_CREDENTIALS_DIR: credentialsDir,
    SANDBOX_PAY_MODE: payMode,
    ...credentialsEnv(credentials, payMode),
    ...loadOrCreateDevSecrets(dataDir),
    WECHAT_API_BASE: sandboxBase,
    WECHATPAY_API_BASE: sandboxBase,
    CORS_ORIGINS: `${h5Origin},http://localhost:${PORTS.h5}`,
    H5_PORT: String(PORTS.h5),
    TARO_APP_API_BASE: bffBase,
    TARO_APP_SANDBOX_BASE: sandboxBase,
  };
  children.start('sandbox', TSX, [...TSX_SOURCE_FLAGS, 'scripts/src/wechat-sandbox/main.ts'], env, ROOT);
  children.start('bff', TSX, [...TSX_SOURCE_FLAGS, 'bff/src/main.ts'], env, ROOT);
  children.start('h5', 'npm', ['-w', 'miniapp', 'run', 'dev:h5'], env, ROOT);

  await Promise.all([waitForPort(PORTS.sandbox), waitForPort(PORTS.bff), waitForPort(PORTS.h5, '127.0.0.1', 180_000)]);
  console.log(`
Ready.
  Mini-program (H5)  ${h5Origin}/
  BFF                ${bffBase}/healthz   (OpenAPI: ${bffBase}/api/openapi.json)
  WeChat sandbox     ${sandboxBase}/sandbox/health
  MariaDB            ${databaseUrl}
  Redis              ${redisUrl}
  WeChat DevTools    open ${ROOT} (weapp dev build: npm -w miniapp run dev:weapp)
Ctrl-C stops everything.`);
}

async function startEmbedded(kind: 'mariadb' | 'redis', servers: LocalServer[], dataDir: string): Promise<string> {
  ensureOsPackages([kind]);
  if (kind === 'redis') {
    const redis = await startRedis(dataDir, PORTS.redis);
    servers.push(redis);
    console.log(`Redis running on ${redis.url} (data under .data/dev)`);
    return redis.url;
  }
  // Dev keeps what it committed like production does (flush per commit, binary log on).
  const mariadb = await startMariadb(dataDir, PORTS.mariadb, { durability: 'durable' });
  servers.push(mariadb);
  console.log(`MariaDB running on ${mariadb.url} (data under .data/dev/mysql, binary log on)`);
  return `${mariadb.url}/shop`;
}

void main();
