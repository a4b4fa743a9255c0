import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { RateLimiter } from '../../http/rate-limit';
import { luaScript, runScript } from '../../redis-script';
import { audit } from '../staff';
import type { StaffActor } from './service';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'config' | 'now'>;

/**
 * Wrong pickup codes (docs/domain.md#pickup). Two locks, so that one session cannot stop a store:
 *
 * - **Per staff member**: `PICKUP_WRONG_CODE_LIMIT` (10) wrong codes in a minute lock that staff
 *   member alone for the rest of the minute (audited `pickup.locked_out`).
 * - **Per store**: only when `STORE_LOCK_STAFF` (3) *different* staff members have each locked
 *   themselves out at the store within `STORE_WINDOW_SECONDS` (10 min) does verification stop
 *   for the whole store, for `STORE_LOCK_SECONDS` (10 min) or until a manager lifts it
 *   (`POST /api/staff/pickups/unlock`). It takes at least 3 × 10 wrong codes from three accounts;
 *   a single clerk, however many sessions or devices they open, only ever locks themselves.
 *   Tripping it is audited `pickup.store_locked` (by the staff member whose lockout tripped it,
 *   with every staff member counted), lifting it `pickup.store_unlocked` (by the manager).
 */
export const STORE_LOCK_STAFF = 3;
export const STORE_WINDOW_SECONDS = 600;
export const STORE_LOCK_SECONDS = 600;

// Under the request limits' key prefix, so test files (each its own database, same store ids)
// sharing one Redis do not lock each other's stores.
type KeyDeps = Pick<Deps, 'config'>;
const lockedStaffKey = (deps: KeyDeps, storeId: number) => `${deps.config.rateLimits.keyPrefix}:pickup:{${storeId}}:locked_staff`;
const storeLockKey = (deps: KeyDeps, storeId: number) => `${deps.config.rateLimits.keyPrefix}:pickup:{${storeId}}:store_lock`;

function staffLimiter(deps: Pick<Deps, 'redis' | 'config'>): RateLimiter {
  return new RateLimiter(deps.redis, 'pickup_staff', deps.config.pickup.wrongCodeLimit, 60, deps.config.rateLimits.keyPrefix);
}

/**
 * Notes a staff member's own lockout at the store: a sorted set of staff id → when, trimmed to the
 * window. When it holds enough different staff members, sets the store lock (NX, so it trips once)
 * and answers the staff ids counted; otherwise an empty answer.
 */
const NOTE_LOCKED_STAFF = luaScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[3]) * 1000)
redis.call('EXPIRE', KEYS[1], ARGV[3])
local staff = redis.call('ZRANGE', KEYS[1], 0, -1)
if #staff < tonumber(ARGV[4]) then return {} end
if not redis.call('SET', KEYS[2], table.concat(staff, ','), 'NX', 'EX', ARGV[5]) then return {} end
return staff
`);

/** Refuses verification while this staff member, or the whole store, is locked out. */
export async function assertNotLockedOut(deps: Deps, staff: StaffActor, storeId: number): Promise<void> {
  const storeLockSeconds = await deps.redis.ttl(storeLockKey(deps, storeId));
  if (storeLockSeconds > 0) throw errors.rateLimited('本店取货码错误次数过多，核销已暂停，请店长解除后再试', storeLockSeconds);
  const wait = await staffLimiter(deps).blockedFor(String(staff.staffId));
  if (wait !== null) throw errors.rateLimited('取货码错误次数过多，请 1 分钟后再试', wait);
}

/** Counts one wrong code of this staff member; their own lockout may trip the store's. */
export async function countWrongCode(deps: Deps, staff: StaffActor, storeId: number, userAgent: string): Promise<void> {
  if (!(await staffLimiter(deps).count(String(staff.staffId)))) return;
  await audit(deps.db, staff, {
    action: 'pickup.locked_out',
    targetType: 'store',
    targetId: storeId,
    userAgent,
    detail: { staffLocked: true, storeLocked: false },
  });
  const counted = (await runScript(
    deps.redis,
    NOTE_LOCKED_STAFF,
    [lockedStaffKey(deps, storeId), storeLockKey(deps, storeId)],
    [deps.now().getTime(), staff.staffId, STORE_WINDOW_SECONDS, STORE_LOCK_STAFF, STORE_LOCK_SECONDS],
  )) as string[];
  if (counted.length === 0) return;
  await audit(deps.db, staff, {
    action: 'pickup.store_locked',
    targetType: 'store',
    targetId: storeId,
    userAgent,
    detail: { staffIds: counted.map(Number), lockSeconds: STORE_LOCK_SECONDS },
  });
}

/**
 * POST /api/staff/pickups/unlock (manager of the store, or head office naming it): lifts the
 * store's lock and forgets the staff members counted towards it. Each staff member's own lock
 * stays until its minute is over. Audited whether or not the store was locked.
 */
export async function liftStoreLock(
  deps: Deps,
  manager: StaffActor,
  storeId: number,
  userAgent: string,
): Promise<{ storeId: number; wasLocked: boolean }> {
  const counted = await deps.redis.get(storeLockKey(deps, storeId));
  await deps.redis.del([storeLockKey(deps, storeId), lockedStaffKey(deps, storeId)]);
  const wasLocked = counted !== null;
  await audit(deps.db, manager, {
    action: 'pickup.store_unlocked',
    targetType: 'store',
    targetId: storeId,
    userAgent,
    detail: { wasLocked, staffIds: counted ? counted.split(',').map(Number) : [] },
  });
  return { storeId, wasLocked };
}
