import { index, int, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';

/** Every change of a member's points; sums to members.points_balance. */
export const pointsLedger = mysqlTable(
  'points_ledger',
  {
    id: id(),
    memberId: ref('member_id').notNull(),
    delta: int('delta').notNull(),
    balanceAfter: int('balance_after').notNull(),
    /** order_completed, refund_reversal, exchange, offline_sale, adjust … */
    reason: varchar('reason', { length: 32 }).notNull(),
    /** What caused it (order no, refund no, exchange id); with reason it makes the change idempotent. */
    reference: varchar('reference', { length: 64 }).notNull(),
    note: varchar('note', { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency: one change per (member, reason, reference)
    uniqueIndex('points_ledger_ref_uq').on(t.memberId, t.reason, t.reference),
    // GET /api/me/points: newest first
    index('points_ledger_member_idx').on(t.memberId, t.id),
  ],
);
