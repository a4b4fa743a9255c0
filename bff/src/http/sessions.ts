import { createHash, randomBytes } from 'node:crypto';
import { luaScript, runScript } from '../redis-script';
import type { Redis } from '../redis';

/**
 * Opaque session tokens in Redis (docs/domain.md#members). A token is 256 random bits; only its
 * SHA-256 is a key, so a Redis dump holds no usable token. Sessions slide: every authenticated
 * request renews the TTL.
 *
 * Each member's sessions are also listed in one set (`sess:of:<memberId>`, holding the hashed
 * keys), so they can be ended together: binding, unbinding or changing a staff member's role ends
 * every session they hold (staff/service.ts), and the next request with an old token is 401. The set
 * lives as long as the member's longest session: creating or resuming a session stretches it to the
 * session TTL.
 *
 * Keys start with a prefix (config SESSION_KEY_PREFIX, `sess`): test files share one Redis, each
 * with a database of its own, so member ids repeat across them and each file gets its own prefix.
 */
export type Session = { memberId: number };

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const DEFAULT_SESSION_PREFIX = 'sess';

export const sessionKey = (token: string, prefix = DEFAULT_SESSION_PREFIX) =>
  `${prefix}:${createHash('sha256').update(token).digest('base64url')}`;
/** `of:` cannot be a hashed key: those are 43 base64url characters. */
const memberSessionsPrefix = (prefix: string) => `${prefix}:of:`;
export const memberSessionsKey = (memberId: number, prefix = DEFAULT_SESSION_PREFIX) => `${memberSessionsPrefix(prefix)}${memberId}`;

export async function createSession(redis: Redis, memberId: number, ttlSeconds: number, prefix = DEFAULT_SESSION_PREFIX): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const key = sessionKey(token, prefix);
  const index = memberSessionsKey(memberId, prefix);
  await redis
    .multi()
    .set(key, JSON.stringify({ memberId } satisfies Session), { EX: ttlSeconds })
    .sAdd(index, key)
    .expire(index, ttlSeconds)
    .exec();
  return token;
}

/**
 * GETEX of the session and, when it exists, the same TTL for its member's index, in one round
 * trip. The index key is built from the session's own value, so the script names it itself;
 * ARGV[2] is its prefix.
 */
const RESUME = luaScript(`
local raw = redis.call('GETEX', KEYS[1], 'EX', ARGV[1])
if raw then
  local ok, session = pcall(cjson.decode, raw)
  if ok and type(session) == 'table' and session.memberId then
    redis.call('EXPIRE', ARGV[2] .. tostring(session.memberId), ARGV[1])
  end
end
return raw
`);

export async function resumeSession(
  redis: Redis,
  token: string,
  ttlSeconds: number,
  prefix = DEFAULT_SESSION_PREFIX,
): Promise<Session | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const raw = await runScript(redis, RESUME, [sessionKey(token, prefix)], [ttlSeconds, memberSessionsPrefix(prefix)]);
  return typeof raw === 'string' ? (JSON.parse(raw) as Session) : undefined;
}

/** Logout: this session only. */
export async function endSession(redis: Redis, token: string, prefix = DEFAULT_SESSION_PREFIX): Promise<void> {
  if (!TOKEN.test(token)) return;
  const key = sessionKey(token, prefix);
  const raw = await redis.getDel(key);
  if (raw) await redis.sRem(memberSessionsKey((JSON.parse(raw) as Session).memberId, prefix), key);
}

/** Every session in the index, and the index, deleted atomically (a login at the same moment is not half-ended). */
const END_ALL = luaScript(`
local ended = 0
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  ended = ended + redis.call('DEL', key)
end
redis.call('DEL', KEYS[1])
return ended
`);

/** Ends every session of a member at once (their staff role changed); answers how many were live. */
export async function endMemberSessions(redis: Redis, memberId: number, prefix = DEFAULT_SESSION_PREFIX): Promise<number> {
  return Number(await runScript(redis, END_ALL, [memberSessionsKey(memberId, prefix)], []));
}
