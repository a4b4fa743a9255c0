import { index, mysqlTable, uniqueIndex } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';

/** 收藏: a member keeps a product to come back to. Adding twice keeps one row. */
export const favorites = mysqlTable(
  'favorites',
  {
    id: id(),
    memberId: ref('member_id').notNull(),
    productId: ref('product_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // PUT/DELETE /api/me/favorites/{productId}: one row per member and product
    uniqueIndex('favorites_member_product_uq').on(t.memberId, t.productId),
    // GET /api/me/favorites: newest first, keyset-paged by id
    index('favorites_member_recent_idx').on(t.memberId, t.id),
  ],
);
