import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

/** 限时秒杀 on one SKU. sold_count is the DB truth behind the Redis admission gate. */
export const flashSales = mysqlTable(
  'flash_sales',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    title: varchar('title', { length: 64 }).notNull(),
    productId: ref('product_id').notNull(),
    skuId: ref('sku_id').notNull(),
    priceFen: fen('price_fen').notNull(),
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    allocatedStock: int('allocated_stock').notNull(),
    soldCount: int('sold_count').notNull().default(0),
    perUserLimit: int('per_user_limit').notNull().default(1),
    status: mysqlEnum('status', ['active', 'paused', 'ended']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('flash_sales_code_uq').on(t.code),
    // GET /api/flashsales: current and upcoming
    index('flash_sales_window_idx').on(t.status, t.startsAt, t.endsAt),
  ],
);
