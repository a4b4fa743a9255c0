import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from '../redis';

/**
 * Opaque session tokens in Redis. Only a hash of the token is stored, so a Redis dump holds no
 * usable tokens. Sessions slide: every authenticated request renews the TTL (GETEX).
 */
export type Session = { memberId: number };

export const sessionKey = (token: string) => `sess:${createHash('sha256').update(token).digest('base64url')}`;

export async function createSession(redis: Redis, memberId: number, ttlSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await redis.set(sessionKey(token), JSON.stringify({ memberId } satisfies Session), { EX: ttlSeconds });
  return token;
}

export async function resumeSession(redis: Redis, token: string, ttlSeconds: number): Promise<Session | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const raw = await redis.getEx(sessionKey(token), { type: 'EX', value: ttlSeconds });
  return raw ? (JSON.parse(raw) as Session) : undefined;
}

export async function endSession(redis: Redis, token: string): Promise<void> {
  await redis.del(sessionKey(token));
}
