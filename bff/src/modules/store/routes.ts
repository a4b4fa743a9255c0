import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { StoreListSchema, StoreQuerySchema } from './schema';
import { listStores } from './service';

export function storeRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/stores',
      summary: 'Pickup stores by distance, with whether the cart is in stock at each',
      tags: ['store'],
      query: StoreQuerySchema,
      response: StoreListSchema,
    },
    (_ctx, { query }) => listStores(deps, query),
  );
  return router;
}
