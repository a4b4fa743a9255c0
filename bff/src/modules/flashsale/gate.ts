import type { Redis } from '../../redis';
import { luaScript, runScript } from '../../redis-script';

/**
 * The flash sale's front door in Redis. One atomic script admits at most the units left and at
 * most the per-user limit, so tens of thousands of attempts on a few hundred units are answered
 * here; only admitted attempts go on to the database, whose guarded update stays the truth.
 *
 * Keys share a hash tag so a Redis Cluster keeps one sale's keys on one shard:
 *   flash:{id}:stock   units the gate may still admit
 *   flash:{id}:buyers  hash member → units admitted
 *   flash:{id}:keys    set of "member:idempotencyKey" already admitted (a retry passes again)
 */
const keysOf = (saleId: number) => [`flash:{${saleId}}:stock`, `flash:{${saleId}}:buyers`, `flash:{${saleId}}:keys`];

export type Admission = 'admitted' | 'retry' | 'sold_out' | 'over_limit' | 'cold';

const ADMIT = luaScript(`
if redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 1 then return 2 end
local stock = redis.call('GET', KEYS[1])
if not stock then return -2 end
local qty = tonumber(ARGV[2])
local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if bought + qty > tonumber(ARGV[3]) then return -3 end
if tonumber(stock) < qty then return -1 end
redis.call('DECRBY', KEYS[1], qty)
redis.call('HINCRBY', KEYS[2], ARGV[1], qty)
redis.call('SADD', KEYS[3], ARGV[4])
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) redis.call('PEXPIRE', KEYS[3], ttl) end
return 1
`);

const OUTCOMES: Record<number, Admission> = { 1: 'admitted', 2: 'retry', [-1]: 'sold_out', [-3]: 'over_limit', [-2]: 'cold' };

export type Attempt = { saleId: number; memberId: number; qty: number; perUserLimit: number; idempotencyKey: string };

export async function admit(redis: Redis, attempt: Attempt): Promise<Admission> {
  const code = await runScript(redis, ADMIT, keysOf(attempt.saleId), [
    attempt.memberId,
    attempt.qty,
    attempt.perUserLimit,
    `${attempt.memberId}:${attempt.idempotencyKey}`,
  ]);
  return OUTCOMES[Number(code)];
}

/**
 * Gives an admitted attempt back (its order failed, or was cancelled unpaid). When the database
 * said the sale is sold out, the unit is not returned: the gate was optimistic (it was rebuilt
 * while an order was in flight) and now learns the truth.
 */
const GIVE_BACK = luaScript(`
if redis.call('SREM', KEYS[3], ARGV[3]) == 0 then return 0 end
if ARGV[4] == 'sold_out' then redis.call('SET', KEYS[1], 0, 'KEEPTTL')
elseif redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCRBY', KEYS[1], ARGV[2]) end
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`);

export async function giveBack(
  redis: Redis,
  attempt: Omit<Attempt, 'perUserLimit'>,
  reason: 'failed' | 'sold_out' | 'cancelled',
): Promise<void> {
  await runScript(redis, GIVE_BACK, keysOf(attempt.saleId), [
    attempt.memberId,
    attempt.qty,
    `${attempt.memberId}:${attempt.idempotencyKey}`,
    reason,
  ]);
}

export type GateState = { unitsLeft: number; buyers: Map<number, number>; admittedKeys: string[] };

/** Loads the gate from the database's truth; a gate that exists meanwhile is left alone. */
const REBUILD = luaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
local n = tonumber(ARGV[2])
for i = 1, n do redis.call('HSET', KEYS[2], ARGV[2 + i * 2], ARGV[3 + i * 2]) end
for i = 4 + n * 2, #ARGV do redis.call('SADD', KEYS[3], ARGV[i]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1
`);

export async function rebuild(redis: Redis, saleId: number, state: GateState, ttlMs: number): Promise<boolean> {
  const pairs = [...state.buyers].flatMap(([member, units]) => [member, units]);
  const args = [Math.max(0, state.unitsLeft), state.buyers.size, Math.max(1, Math.round(ttlMs)), ...pairs, ...state.admittedKeys];
  return Number(await runScript(redis, REBUILD, keysOf(saleId), args)) === 1;
}
