import type { QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/** One 收藏: the product card; `status` off_shelf shows as 已下架. */
export type FavoriteItem = Schema<'FavoriteItem'>;
export type FavoritePage = Schema<'FavoritePage'>;
export type FavoriteState = Schema<'FavoriteState'>;
export type FavoritesQuery = QueryOf<'/api/me/favorites', 'get'>;

/** GET /api/me/favorites — newest first; pass the page's `nextCursor` as `cursor` for the next one. */
export function getFavorites(query: FavoritesQuery = {}, flags: RequestFlags = {}): Promise<FavoritePage> {
  return request<ResponseOf<'/api/me/favorites', 'get'>>('/api/me/favorites', { data: query, ...flags });
}

/** GET /api/me/favorites/:productId — the product page's 收藏 state (asked beside the shared product detail). */
export function getFavoriteState(productId: number, flags: RequestFlags = {}): Promise<FavoriteState> {
  return request<FavoriteState>(`/api/me/favorites/${productId}`, flags);
}

/** PUT /api/me/favorites/:productId (收藏) or DELETE (取消收藏); both idempotent. */
export function setFavorite(productId: number, favorited: boolean, flags: RequestFlags = {}): Promise<FavoriteState> {
  return request<FavoriteState>(`/api/me/favorites/${productId}`, { method: favorited ? 'PUT' : 'DELETE', ...flags });
}
