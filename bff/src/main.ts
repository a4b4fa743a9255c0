import http from 'node:http';
import { createDatabase } from '@shop/db';
import { buildApp } from './app';
import IORedis from 'ioredis';
import { createOrderJobs } from './jobs/order-jobs';
import { startJobs } from './jobs/scheduler';
import { createWechatPay } from './wechat/pay';
import { loadConfig, wechatPayConfig } from './config';
import { createLogger } from './logger';
import { connectRedis } from './redis';
import { createReadCache } from './read-cache';
import { createLocalMediaStore } from './media';
import { createMiniProgramApi } from './wechat/mini-program';

/** Production entry point: wires the real adapters, listens, and shuts down gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { async: config.env === 'production' });
  const bootStarted = performance.now();
  const database = createDatabase(config.databaseUrl);
  const redis = await connectRedis(config.redisUrl, logger);
  const wechat = createMiniProgramApi(
    { apiBase: config.wechat.apiBase, appid: config.wechat.appid, appSecret: config.wechat.appSecret },
    redis,
  );
  // The one clock of the process: everything else reads time through deps.now().
  const now = () => new Date();
  const pay = createWechatPay(wechatPayConfig(config, now));
  const orderJobs = createOrderJobs(new IORedis(config.redisUrl, { maxRetriesPerRequest: null }), now);
  const readCache = await createReadCache(redis, logger);
  const media = createLocalMediaStore(config.media);
  const deps = { config, db: database.db, redis, logger, wechat, pay, orderJobs, readCache, media, now };
  const app = buildApp(deps);

  const jobs = await startJobs(config.redisUrl, deps);

  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  // The bench reads this line for start-up time.
  logger.info({ port: config.port, host: config.host, bootMs: Math.round(performance.now() - bootStarted) }, 'bff listening');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const forced = setTimeout(() => process.exit(1), 15_000);
    forced.unref();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await jobs.close();
    await orderJobs.close();
    await readCache.close();
    await Promise.allSettled([redis.quit(), database.close()]);
    logger.info('bye');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
