import { index, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, updatedAt, utc } from '../columns';
import { couponScopes, salesChannels } from './coupons';

/** Tiers of a threshold promotion, e.g. [{thresholdFen:19900, offFen:2000}, {thresholdFen:39900, offFen:5000}]. */
export type ThresholdTier = { thresholdFen: number; offFen: number };

/** 满减 promotions: condition (eligible subtotal ≥ threshold) + action (amount off), as data. */
export const promotions = mysqlTable(
  'promotions',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    kind: mysqlEnum('kind', ['threshold_off']).notNull(),
    tiers: json('tiers').$type<ThresholdTier[]>().notNull(),
    scope: mysqlEnum('scope', couponScopes).notNull().default('all'),
    scopeIds: json('scope_ids').$type<number[]>().notNull(),
    channel: mysqlEnum('channel', salesChannels).notNull().default('both'),
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    status: mysqlEnum('status', ['active', 'paused']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('promotions_code_uq').on(t.code),
    // pricing: promotions active now
    index('promotions_window_idx').on(t.status, t.startsAt, t.endsAt),
  ],
);
