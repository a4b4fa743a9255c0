import { sql } from 'drizzle-orm';
import type { Db } from '@shop/db';
import type { Redis } from '../../redis';

export type CheckResult = 'ok' | 'down';
export type HealthReport = { healthy: boolean; checks: { mysql: CheckResult; redis: CheckResult } };

const CHECK_TIMEOUT_MS = 1_500;

/** Really talks to MariaDB and Redis; a check that hangs counts as down. */
export async function checkHealth(db: Db, redis: Redis): Promise<HealthReport> {
  const [mysql, redisResult] = await Promise.all([probe(() => db.execute(sql`SELECT 1`)), probe(() => redis.ping())]);
  return { healthy: mysql === 'ok' && redisResult === 'ok', checks: { mysql, redis: redisResult } };
}

async function probe(check: () => Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
