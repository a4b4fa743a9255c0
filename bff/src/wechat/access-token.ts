import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from '../redis';

type CachedToken = { token: string; expiresAt: number };

/** Refresh this long before WeChat's expiry so no request ever carries an expiring token. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const LOCK_TTL_MS = 10_000;
const WAIT_FOR_PEER_MS = 5_000;

/**
 * The mini-program access token, cached in Redis and shared by every BFF process. Exactly one
 * process refreshes at a time (a Redis lock); the others wait for its result instead of
 * stampeding WeChat, which would also invalidate each other's tokens.
 */
export class AccessTokenProvider {
  private readonly cacheKey: string;
  private readonly lockKey: string;

  constructor(
    private readonly redis: Redis,
    appid: string,
    private readonly fetchToken: () => Promise<{ token: string; expiresInSeconds: number }>,
    private readonly now: () => number = Date.now,
  ) {
    this.cacheKey = `wx:access_token:${appid}`;
    this.lockKey = `wx:access_token:${appid}:lock`;
  }

  async get(): Promise<string> {
    const cached = await this.readCache();
    if (cached && cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return cached.token;
    return this.refresh(cached?.token);
  }

  /** WeChat rejected `token` (40001/42001): drop it unless a peer already replaced it. */
  async invalidate(token: string): Promise<void> {
    const cached = await this.readCache();
    if (cached?.token === token) await this.redis.del(this.cacheKey);
  }

  private async refresh(staleToken: string | undefined): Promise<string> {
    const lockId = randomUUID();
    const locked = await this.redis.set(this.lockKey, lockId, { NX: true, PX: LOCK_TTL_MS });
    if (locked !== 'OK') return this.waitForPeer(staleToken);
    try {
      const { token, expiresInSeconds } = await this.fetchToken();
      const value: CachedToken = { token, expiresAt: this.now() + expiresInSeconds * 1000 };
      await this.redis.set(this.cacheKey, JSON.stringify(value), { PX: expiresInSeconds * 1000 });
      return token;
    } finally {
      // Release only our own lock (it may have expired and been taken by a peer).
      const current = await this.redis.get(this.lockKey);
      if (current === lockId) await this.redis.del(this.lockKey);
    }
  }

  private async waitForPeer(staleToken: string | undefined): Promise<string> {
    // Elapsed time, not the time of day: a monotonic clock, unaffected by the app clock.
    const deadline = performance.now() + WAIT_FOR_PEER_MS;
    while (performance.now() < deadline) {
      await sleep(50);
      const cached = await this.readCache();
      if (cached && cached.token !== staleToken && cached.expiresAt - REFRESH_MARGIN_MS > this.now()) return cached.token;
      if (!(await this.redis.exists(this.lockKey))) return this.get();
    }
    throw new Error('timed out waiting for another process to refresh the WeChat access token');
  }

  private async readCache(): Promise<CachedToken | undefined> {
    const raw = await this.redis.get(this.cacheKey);
    return raw ? (JSON.parse(raw) as CachedToken) : undefined;
  }
}
