import { createClient } from 'redis';
import type { Logger } from './logger';

/**
 * The app's Redis client. Commands fail fast while disconnected (no offline queue), so a Redis
 * outage shows up as errors and a failing /healthz rather than requests that hang.
 */
function createRedisClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) },
  });
}

export type Redis = ReturnType<typeof createRedisClient>;

export async function connectRedis(url: string, logger: Logger): Promise<Redis> {
  const client = createRedisClient(url);
  client.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error'));
  await client.connect();
  return client;
}
