import { createHash } from 'node:crypto';

/**
 * A till sale's number is derived from (staff member, Idempotency-Key) instead of drawn at random.
 * That makes the orders_no_uq index the idempotency guard: a concurrent retry's INSERT waits on
 * the first attempt's row and then fails as a duplicate, and a later retry finds the sale by this
 * number. (orders_idempotency_uq cannot do it: it is per customer, and an anonymous sale has
 * none — MariaDB lets NULLs repeat in a unique index.)
 *
 * "TS" + 18 digits: the same length as online numbers (SO + 18), disjoint from them by prefix,
 * and valid as an out_trade_no. 18 digits from SHA-256: two keys of one staff member collide
 * with probability ~1e-18, and the replay path checks the staff member anyway.
 */
export function tillSaleNo(staffId: number, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`till-sale:${staffId}:${idempotencyKey}`).digest();
  return `TS${(digest.readBigUInt64BE(0) % 10n ** 18n).toString().padStart(18, '0')}`;
}
