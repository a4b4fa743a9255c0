import type { Redis } from '../redis';

/**
 * Fixed-window counter in Redis. `count` adds one attempt and tells whether the key is over its
 * limit; `isBlocked` only looks. Used for failed attempts (wrong codes), so successes stay free.
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  private key(subject: string): string {
    return `ratelimit:${this.name}:${subject}`;
  }

  async isBlocked(subject: string): Promise<boolean> {
    const value = await this.redis.get(this.key(subject));
    return Number(value ?? 0) >= this.limit;
  }

  async count(subject: string): Promise<boolean> {
    const key = this.key(subject);
    const [hits] = (await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').exec()) as unknown as [number];
    return hits >= this.limit;
  }
}
