import { boolean, int, mysqlTable, tinyint, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fenTotal, updatedAt } from '../columns';

/** Member tier configuration (普通/白银/黄金). Thresholds are cumulative net spend in fen. */
export const tiers = mysqlTable('tiers', {
  code: varchar('code', { length: 16 }).primaryKey(),
  name: varchar('name', { length: 32 }).notNull(),
  rank: tinyint('rank', { unsigned: true }).notNull().unique(),
  thresholdFen: fenTotal('threshold_fen').notNull(),
  /** Price multiplier in percent: 90 = 9.0折 (10% off). */
  discountPercent: tinyint('discount_percent', { unsigned: true }).notNull(),
  birthdayCoupon: boolean('birthday_coupon').notNull().default(false),
  /** Minutes before a flash sale opens that this tier may already buy (priority purchase). */
  flashEarlyAccessMinutes: int('flash_early_access_minutes').notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
