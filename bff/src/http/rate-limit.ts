import { createHash } from 'node:crypto';
import type { Redis } from '../redis';
import type { AppContext } from './context';
import { errors } from './errors';

/**
 * Fixed-window counter in Redis: one key per (name, subject) holding the count, which expires
 * when its window ends. `count` adds one attempt and tells whether the key is over its limit;
 * `blockedFor` only looks — used for failed attempts (wrong codes), so successes stay free.
 * `take` admits one request or refuses it with the seconds left in the window — used for
 * request limits (`requestLimit` below).
 */
export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowSeconds: number,
    // config RATE_LIMIT_KEY_PREFIX: every limiter's keys under one prefix (one per test file).
    private readonly prefix: string,
  ) {}

  private key(subject: string): string {
    return `${this.prefix}:${this.name}:${subject}`;
  }

  /** Seconds until `subject` may try again when it is over its limit, else null. */
  async blockedFor(subject: string): Promise<number | null> {
    const key = this.key(subject);
    const [value, ttl] = (await this.redis.multi().get(key).ttl(key).exec()) as unknown as [string | null, number];
    if (Number(value ?? 0) < this.limit) return null;
    return ttl > 0 ? ttl : this.windowSeconds;
  }

  async count(subject: string): Promise<boolean> {
    const key = this.key(subject);
    const [hits] = (await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').exec()) as unknown as [number];
    return hits >= this.limit;
  }

  /** One more request from `subject`: admitted while the window holds at most `limit`, else the seconds until it ends. */
  async take(subject: string): Promise<{ admitted: true } | { admitted: false; retryAfterSeconds: number }> {
    const key = this.key(subject);
    const [hits, , ttl] = (await this.redis.multi().incr(key).expire(key, this.windowSeconds, 'NX').ttl(key).exec()) as unknown as [
      number,
      unknown,
      number,
    ];
    if (hits <= this.limit) return { admitted: true };
    return { admitted: false, retryAfterSeconds: ttl > 0 ? ttl : this.windowSeconds };
  }
}

/** Requests per window for one route family: per client IP, per signed-in member, per device. */
export type RequestLimitConfig = { perIp: number; perUser?: number; perDevice?: number };
export type RequestLimitSettings = { windowSeconds: number; keyPrefix: string };

/**
 * A route's request limit, checked by route() before the body is validated (so a refused login
 * never reaches WeChat). Every subject that applies takes one request; the first over its limit
 * answers 429 RATE_LIMITED with Retry-After. Subjects:
 * - ip: ctx.ip (the X-Forwarded-For client behind our proxy in production, app.proxy);
 * - user: the session's member, when there is one;
 * - device: the IP together with a hash of the User-Agent (WeChat's names the phone model, OS,
 *   WeChat version, network and language). A UA alone would join strangers with the same phone
 *   across the country, so the device count is kept within one IP: it caps one phone on a shared
 *   network (a store's Wi-Fi) well below what the whole network may send.
 */
export type RequestLimit = { name: string; check: (ctx: AppContext) => Promise<void> };

export function requestLimit(redis: Redis, name: string, limits: RequestLimitConfig, settings: RequestLimitSettings): RequestLimit {
  const limiter = (subject: string, limit: number) =>
    new RateLimiter(redis, `${name}_${subject}`, limit, settings.windowSeconds, settings.keyPrefix);
  const ip = limiter('ip', limits.perIp);
  const user = limits.perUser !== undefined ? limiter('user', limits.perUser) : undefined;
  const device = limits.perDevice !== undefined ? limiter('device', limits.perDevice) : undefined;
  return {
    name,
    check: async (ctx) => {
      const taken = [ip.take(ctx.ip)];
      if (user && ctx.state.auth) taken.push(user.take(String(ctx.state.auth.memberId)));
      if (device) taken.push(device.take(`${ctx.ip}:${hash(ctx.get('user-agent'))}`));
      const refused = (await Promise.all(taken)).flatMap((verdict) => (verdict.admitted ? [] : [verdict.retryAfterSeconds]));
      if (refused.length === 0) return;
      throw errors.rateLimited(undefined, Math.max(...refused));
    },
  };
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
