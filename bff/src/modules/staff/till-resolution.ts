import type { Redis } from '../../redis';

/**
 * "This staff member scanned this member's code a moment ago." The till scans the 会员码 once
 * (POST /api/staff/members/resolve burns it) and then quotes by member id while the basket is
 * built. Accepting any member id would let a clerk credit points and tier spend to any account,
 * so quotes and sales by id are accepted only for a member resolved by the same staff member
 * within the last 10 minutes, and a sale uses the resolution up: one scan, one sale.
 */
export const TILL_RESOLUTION_TTL_SECONDS = 600;

const key = (staffId: number, memberId: number) => `till:resolved:${staffId}:${memberId}`;

/** Called by resolveMemberCode once the code is burned and the member found. */
export async function recordTillResolution(redis: Redis, staffId: number, memberId: number): Promise<void> {
  await redis.set(key(staffId, memberId), '1', { EX: TILL_RESOLUTION_TTL_SECONDS });
}

export async function isResolvedBy(redis: Redis, staffId: number, memberId: number): Promise<boolean> {
  return (await redis.exists(key(staffId, memberId))) === 1;
}

/** Uses the resolution up; false when it expired or another sale already used it. */
export async function consumeResolution(redis: Redis, staffId: number, memberId: number): Promise<boolean> {
  return (await redis.del(key(staffId, memberId))) === 1;
}
