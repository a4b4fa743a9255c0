import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { productCards, productExists } from '../catalog';
import { deleteFavorite, favoritePage, findFavorite, insertFavorite } from './queries';
import type { FavoritePage, FavoriteState } from './schema';

type Deps = Pick<AppDeps, 'db'>;

/**
 * 收藏 writes are single statements, so each is its own transaction: adding keeps one row per
 * member and product (a unique key, INSERT IGNORE), removing deletes whatever is there. Both are
 * idempotent and answer the state the member now sees.
 */
export async function addFavorite(deps: Deps, memberId: number, productId: number): Promise<FavoriteState> {
  // Off-shelf products may stay favorited (they show as 已下架), but only products that exist.
  if (!(await productExists(deps.db, productId))) throw errors.notFound('PRODUCT_NOT_FOUND', '商品不存在');
  await insertFavorite(deps.db, memberId, productId);
  return { productId, favorited: true };
}

export async function removeFavorite(deps: Deps, memberId: number, productId: number): Promise<FavoriteState> {
  await deleteFavorite(deps.db, memberId, productId);
  return { productId, favorited: false };
}

/**
 * Whether the member keeps this product: the product page asks it beside the catalog's shared,
 * cached detail, so no per-member answer ever sits in that cache.
 */
export async function favoriteState(deps: Deps, memberId: number, productId: number): Promise<FavoriteState> {
  return { productId, favorited: (await findFavorite(deps.db, memberId, productId)) !== undefined };
}

/** 我的收藏: newest first, keyset-paged by the favorite's id; cards come from the catalog. */
export async function listFavorites(deps: Deps, memberId: number, page: { cursor?: number; limit: number }): Promise<FavoritePage> {
  const rows = await favoritePage(deps.db, memberId, page.cursor, page.limit + 1);
  const shown = rows.slice(0, page.limit);
  const cards = await productCards(
    deps.db,
    shown.map((row) => row.productId),
  );
  return {
    items: shown.flatMap((row) => {
      const card = cards.get(row.productId);
      if (!card) return [];
      return [
        {
          id: row.id,
          productId: card.id,
          title: card.title,
          subtitle: card.subtitle,
          imageUrl: card.imageUrl,
          minPriceFen: card.minPriceFen,
          listPriceFen: card.listPriceFen,
          status: card.status,
          favoritedAt: row.createdAt.toISOString(),
        },
      ];
    }),
    nextCursor: rows.length > page.limit ? shown[shown.length - 1].id : null,
  };
}
