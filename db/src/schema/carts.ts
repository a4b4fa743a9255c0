import { boolean, index, int, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '../columns';

/** Server-side cart: one row per (member, SKU). Prices are never stored here; quotes reprice. */
export const cartItems = mysqlTable(
  'cart_items',
  {
    id: id(),
    memberId: ref('member_id').notNull(),
    skuId: ref('sku_id').notNull(),
    qty: int('qty').notNull(),
    selected: boolean('selected').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // add-to-cart upsert
    uniqueIndex('cart_items_member_sku_uq').on(t.memberId, t.skuId),
    // GET /api/cart in the order items were added
    index('cart_items_member_idx').on(t.memberId, t.createdAt),
  ],
);
