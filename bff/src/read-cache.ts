import type { Logger } from './logger';
import type { Redis } from './redis';

/**
 * The in-process read cache of the BFF: answers for browsing (category tree, product pages,
 * product cores, home slots, stock and activity badges) kept in this process's memory, so a cached
 * read costs no SQL and no Redis round trip.
 *
 * Two kinds of entries:
 * - **Invalidated** (`ttlMs` long, a namespace such as 'catalog'): dropped in every BFF process
 *   when a write calls `invalidate(namespace)` after its commit. The invalidation is published on
 *   the Redis channel `read-cache:invalidate`; each process subscribes on its own connection. The
 *   TTL bounds staleness should a message be lost (a subscriber reconnecting drops everything).
 * - **Short-lived** (stock, badges, remaining flash units: `ttlMs` of a second or two): never
 *   invalidated, simply reloaded. Such figures are for display; checkout and the gates always read
 *   MariaDB/Redis themselves and never trust this cache.
 *
 * A miss loads once per key however many requests wait on it (single flight). Entries are bounded
 * (`maxEntries`, oldest first out), so arbitrary search queries cannot grow the heap.
 */
export class ReadCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number; generation: number }>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  /** Bumped per namespace by invalidations; a load started before a bump is not stored. */
  private readonly generations = new Map<string, number>();
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis | undefined,
    private readonly options: { maxEntries?: number; logger?: Logger } = {},
  ) {}

  /** Subscribes to invalidations from the other processes (a separate Redis connection). */
  async start(): Promise<void> {
    if (!this.redis || this.subscriber) return;
    const subscriber = this.redis.duplicate();
    subscriber.on('error', (err: Error) => this.options.logger?.warn({ err: err.message }, 'read-cache subscriber error'));
    // After a reconnect messages may have been missed: start from empty.
    subscriber.on('ready', () => this.clear());
    await subscriber.connect();
    await subscriber.subscribe(CHANNEL, (namespace) => this.drop(namespace));
    this.subscriber = subscriber;
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.destroy());
  }

  async get<T>(namespace: string, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const full = `${namespace}\u0000${key}`;
    const now = performance.now();
    const hit = this.entries.get(full);
    if (hit && hit.expiresAt > now) return hit.value as T;
    const pending = this.inflight.get(full);
    if (pending) return pending as Promise<T>;
    const generation = this.generations.get(namespace) ?? 0;
    const loading = load().then(
      (value) => {
        this.inflight.delete(full);
        if ((this.generations.get(namespace) ?? 0) === generation) this.store(full, value, performance.now() + ttlMs, generation);
        return value;
      },
      (err: unknown) => {
        this.inflight.delete(full);
        throw err;
      },
    );
    this.inflight.set(full, loading);
    return loading;
  }

  /** After a committed write: every process drops the namespace (this one at once). */
  async invalidate(namespace: string): Promise<void> {
    this.drop(namespace);
    if (this.redis) await this.redis.publish(CHANNEL, namespace);
  }

  clear(): void {
    this.entries.clear();
    for (const namespace of this.generations.keys()) this.generations.set(namespace, (this.generations.get(namespace) ?? 0) + 1);
  }

  private drop(namespace: string): void {
    this.generations.set(namespace, (this.generations.get(namespace) ?? 0) + 1);
    const prefix = `${namespace}\u0000`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
    for (const key of this.inflight.keys()) if (key.startsWith(prefix)) this.inflight.delete(key);
  }

  private store(key: string, value: unknown, expiresAt: number, generation: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt, generation });
    const max = this.options.maxEntries ?? 5_000;
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value!);
  }
}

const CHANNEL = 'read-cache:invalidate';

/** A started cache on `redis` (main.ts and the test deps). */
export async function createReadCache(redis: Redis, logger?: Logger): Promise<ReadCache> {
  const cache = new ReadCache(redis, { logger });
  await cache.start();
  return cache;
}
