import type { Redis } from '../../redis';

/**
 * Read-through cache for catalog reads. Every key embeds a catalog version; a write bumps the
 * version, so the next request after an edit misses and reloads — no key-by-key invalidation
 * to forget. Old versions simply expire.
 */
const VERSION_KEY = 'catalog:version';
const TTL_SECONDS = 300;

export class CatalogCache {
  constructor(private readonly redis: Redis) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const version = (await this.redis.get(VERSION_KEY)) ?? '0';
    const cacheKey = `catalog:${version}:${key}`;
    const hit = await this.redis.get(cacheKey);
    if (hit !== null) return JSON.parse(hit) as T;
    const value = await load();
    await this.redis.set(cacheKey, JSON.stringify(value), { EX: TTL_SECONDS });
    return value;
  }

  /** Call after any catalog write has committed. */
  async invalidate(): Promise<void> {
    await this.redis.incr(VERSION_KEY);
  }
}
