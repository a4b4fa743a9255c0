import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@shop/db/testing';
import { loadConfig, wechatPayConfig, type Config } from '../../src/config';
import type { AppDeps } from '../../src/deps';
import type { DestinationStream } from 'pino';
import { createLogger } from '../../src/logger';
import { connectRedis } from '../../src/redis';
import { createReadCache } from '../../src/read-cache';
import { createLocalMediaStore } from '../../src/media';
import IORedis from 'ioredis';
import { createOrderJobs } from '../../src/jobs/order-jobs';
import { createMiniProgramApi } from '../../src/wechat/mini-program';
import { createWechatPay } from '../../src/wechat/pay';
import { credentialsEnv, generateCredentials, type PayMode, type SandboxCredentials } from '../../../scripts/src/wechat-sandbox';

export type TestDeps = AppDeps & { database: TestDatabase; close: () => Promise<void> };

export type TestDepsOptions = {
  label?: string;
  redisUrl?: string;
  /** The WeChat sandbox to talk to; without one, WeChat calls fail as unreachable. */
  wechat?: { apiBase: string; appid: string; appSecret: string; credentials?: SandboxCredentials; payMode?: PayMode };
  now?: () => Date;
  env?: Record<string, string>;
  /** Captures the BFF's log lines (level from LOG_LEVEL in `env`, else TEST_LOG_LEVEL, else silent). */
  logDestination?: DestinationStream;
};

/**
 * Real dependencies for one test file: its own migrated MariaDB database, the run's Redis and
 * the production WeChat adapter pointed at the sandbox. Nothing is mocked.
 */
export async function createTestDeps(options: TestDepsOptions = {}): Promise<TestDeps> {
  const redisUrl = options.redisUrl ?? requiredEnv('TEST_REDIS_URL');
  const database = await createTestDatabase(options.label ?? 'bff');
  // Uploaded files go to a folder of this test file's own, removed with the database.
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), `media-${database.name}-`));
  const wechat = options.wechat ?? { apiBase: 'http://127.0.0.1:9', appid: 'wx-unreachable', appSecret: 'unreachable' };
  const credentials = wechat.credentials ?? (await sharedCredentials());
  const config: Config = loadConfig({
    ...credentialsEnv(credentials, wechat.payMode ?? 'public_key'),
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    CORS_ORIGINS: 'http://127.0.0.1:10086',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WECHAT_API_BASE: wechat.apiBase,
    WECHATPAY_API_BASE: wechat.apiBase,
    WECHAT_APPID: wechat.appid,
    WECHAT_APP_SECRET: wechat.appSecret,
    MEMBER_CODE_SECRET: randomBytes(32).toString('hex'),
    COUPON_CODE_SECRET: randomBytes(32).toString('hex'),
    PICKUP_CODE_SECRET: randomBytes(32).toString('hex'),
    // Member ids repeat across the files' databases; sessions share the run's Redis.
    SESSION_KEY_PREFIX: `sess:${database.name}`,
    // Staff ids repeat too: the wrong-code lockouts and request limits count per file.
    RATE_LIMIT_KEY_PREFIX: `ratelimit:${database.name}`,
    MEDIA_DIR: mediaDir,
    ...options.env,
  });
  const logger = createLogger(config.logLevel, { destination: options.logDestination });
  const redis = await connectRedis(redisUrl, logger);
  // Delayed jobs go to a queue of this test file's own (no worker runs unless a test starts one).
  const jobsConnection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const now = options.now ?? (() => new Date());
  const orderJobs = createOrderJobs(jobsConnection, now, `bull-${database.name}`);
  const readCache = await createReadCache(redis, logger);
  return {
    config,
    db: database.db,
    redis,
    logger,
    wechat: createMiniProgramApi(config.wechat, redis),
    // The sandbox signs with the wall clock, so signatures are checked against it, not the test's clock.
    pay: createWechatPay(wechatPayConfig(config, () => new Date())),
    orderJobs,
    readCache,
    media: createLocalMediaStore(config.media),
    now,
    database,
    close: async () => {
      await orderJobs.close();
      await readCache.close();
      jobsConnection.disconnect();
      await redis.quit().catch(() => redis.destroy());
      await database.drop();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

let credentialsOnce: Promise<SandboxCredentials> | undefined;
/** Keys for tests that never reach WeChat Pay: generated once per test process. */
function sharedCredentials(): Promise<SandboxCredentials> {
  credentialsOnce ??= generateCredentials();
  return credentialsOnce;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\``);
  return value;
}
