import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { FavoritePageSchema, FavoritesQuerySchema, FavoriteStateSchema, ProductParamsSchema } from './schema';
import { addFavorite, favoriteState, listFavorites, removeFavorite } from './service';

export function favoriteRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['favorite'];
  const one = { tags, auth: true, params: ProductParamsSchema, response: FavoriteStateSchema };

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/favorites',
      summary: '我的收藏, newest first (keyset-paged; taken-down products show as off_shelf)',
      tags,
      auth: true,
      query: FavoritesQuerySchema,
      response: FavoritePageSchema,
    },
    (ctx, { query }) => listFavorites(deps, requireMemberId(ctx), query),
  );
  route(
    router,
    registry,
    { ...one, method: 'get', path: '/api/me/favorites/:productId', summary: 'Whether I keep this product (the product page’s 收藏 star)' },
    (ctx, { params }) => favoriteState(deps, requireMemberId(ctx), params.productId),
  );
  route(
    router,
    registry,
    { ...one, method: 'put', path: '/api/me/favorites/:productId', summary: '收藏 a product (idempotent)' },
    (ctx, { params }) => addFavorite(deps, requireMemberId(ctx), params.productId),
  );
  route(
    router,
    registry,
    { ...one, method: 'delete', path: '/api/me/favorites/:productId', summary: '取消收藏 (idempotent)' },
    (ctx, { params }) => removeFavorite(deps, requireMemberId(ctx), params.productId),
  );
  return router;
}
