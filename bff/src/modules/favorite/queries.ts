import { and, desc, eq, lt } from 'drizzle-orm';
import { favorites, type DbOrTx } from '@shop/db';

export type FavoriteRow = typeof favorites.$inferSelect;

/** Keeps one row per member and product (favorites_member_product_uq): adding again changes nothing. */
export async function insertFavorite(db: DbOrTx, memberId: number, productId: number): Promise<void> {
  await db.insert(favorites).ignore().values({ memberId, productId });
}

export async function deleteFavorite(db: DbOrTx, memberId: number, productId: number): Promise<void> {
  await db.delete(favorites).where(and(eq(favorites.memberId, memberId), eq(favorites.productId, productId)));
}

export async function findFavorite(db: DbOrTx, memberId: number, productId: number): Promise<FavoriteRow | undefined> {
  const [row] = await db
    .select()
    .from(favorites)
    .where(and(eq(favorites.memberId, memberId), eq(favorites.productId, productId)))
    .limit(1);
  return row;
}

/** Newest first, `limit` rows with ids below `beforeId` (favorites_member_recent_idx). */
export async function favoritePage(db: DbOrTx, memberId: number, beforeId: number | undefined, limit: number): Promise<FavoriteRow[]> {
  return favoritePageQuery(db, memberId, beforeId, limit);
}

/**
 * The read behind favoritePage (exported for its query-plan test). The index is named: with few
 * rows MariaDB picks the (member, product) unique key and sorts, which grows with the list.
 */
export function favoritePageQuery(db: DbOrTx, memberId: number, beforeId: number | undefined, limit: number) {
  return db
    .select()
    .from(favorites, { forceIndex: 'favorites_member_recent_idx' })
    .where(and(eq(favorites.memberId, memberId), beforeId !== undefined ? lt(favorites.id, beforeId) : undefined))
    .orderBy(desc(favorites.id))
    .limit(limit);
}
