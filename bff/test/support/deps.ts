import { createTestDatabase, type TestDatabase } from '@shop/db/testing';
import { loadConfig, type Config } from '../../src/config';
import type { AppDeps } from '../../src/deps';
import { createLogger } from '../../src/logger';
import { connectRedis } from '../../src/redis';

export type TestDeps = AppDeps & { database: TestDatabase; close: () => Promise<void> };

/** Real dependencies for one test file: its own migrated MariaDB database and the run's Redis. */
export async function createTestDeps(options: { redisUrl?: string; label?: string } = {}): Promise<TestDeps> {
  const redisUrl = options.redisUrl ?? requiredEnv('TEST_REDIS_URL');
  const database = await createTestDatabase(options.label ?? 'bff');
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    CORS_ORIGINS: 'http://127.0.0.1:10086',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const logger = createLogger(config.logLevel);
  const redis = await connectRedis(redisUrl, logger);
  return {
    config,
    db: database.db,
    redis,
    logger,
    database,
    close: async () => {
      await redis.quit().catch(() => redis.destroy());
      await database.drop();
    },
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\``);
  return value;
}
