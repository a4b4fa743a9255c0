import { index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { id, ref, utc } from '../columns';

/** Who moved a row: the same kinds as the order timeline (order_events.actor_type). */
export const statusActorTypes = ['system', 'member', 'staff', 'wechat'] as const;

/**
 * The history of every status column other than orders' (which keep their own timeline in
 * order_events): refunds, groups, group seats, user coupons, payments, pickup codes. One row per
 * move, written in the same transaction as the guarded UPDATE that made it; `from_status` is null
 * when the row was created in `to_status`. Statuses and events are the BFF's lifecycle tables'
 * names, so they are plain strings here rather than one enum per entity.
 */
export const statusChanges = mysqlTable(
  'status_changes',
  {
    id: id(),
    /** The lifecycle's name: refund, group, group_seat, user_coupon, payment, pickup_code. */
    entity: varchar('entity', { length: 32 }).notNull(),
    /** The row's key (pickup codes: the order id, their primary key). */
    entityId: ref('entity_id').notNull(),
    fromStatus: varchar('from_status', { length: 32 }),
    toStatus: varchar('to_status', { length: 32 }).notNull(),
    event: varchar('event', { length: 32 }).notNull(),
    actorType: mysqlEnum('actor_type', statusActorTypes).notNull(),
    actorId: ref('actor_id'),
    at: utc('at').notNull(),
  },
  (t) => [
    // one entity's history, in order (staff detail views, audits, tests)
    index('status_changes_entity_idx').on(t.entity, t.entityId),
  ],
);
