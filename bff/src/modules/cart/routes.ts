import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import {
  AddItemSchema,
  CartQuerySchema,
  CartSchema,
  NudgeQuerySchema,
  NudgeSchema,
  RemoveItemsSchema,
  SkuParamsSchema,
  UpdateItemSchema,
} from './schema';
import { addItem, changeItem, getCart, nudgeForSku, removeItem, removeItems } from './service';

export function cartRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const base = { tags: ['cart'], auth: true, query: CartQuerySchema, response: CartSchema };

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/cart/nudge',
      summary: '满减 on a product page: the promotions covering the SKU and how far my selection with it is from the next tier',
      tags: ['cart'],
      query: NudgeQuerySchema,
      response: NudgeSchema,
    },
    (ctx, { query }) => nudgeForSku(deps, ctx.state.auth?.memberId ?? null, query.skuId),
  );
  route(
    router,
    registry,
    { ...base, method: 'get', path: '/api/cart', summary: 'My cart with live prices and availability' },
    (ctx, { query }) => getCart(deps, requireMemberId(ctx), query.storeId),
  );
  route(
    router,
    registry,
    { ...base, method: 'post', path: '/api/cart/items', summary: 'Add a SKU to the cart', body: AddItemSchema },
    (ctx, { body, query }) => addItem(deps, requireMemberId(ctx), body, query.storeId),
  );
  route(
    router,
    registry,
    {
      ...base,
      method: 'patch',
      path: '/api/cart/items/:skuId',
      summary: 'Change quantity or selection',
      params: SkuParamsSchema,
      body: UpdateItemSchema,
    },
    (ctx, { params, body, query }) => changeItem(deps, requireMemberId(ctx), params.skuId, body, query.storeId),
  );
  route(
    router,
    registry,
    { ...base, method: 'delete', path: '/api/cart/items/:skuId', summary: 'Remove a line', params: SkuParamsSchema },
    (ctx, { params, query }) => removeItem(deps, requireMemberId(ctx), params.skuId, query.storeId),
  );
  route(
    router,
    registry,
    {
      ...base,
      method: 'post',
      path: '/api/cart/items/remove',
      summary: 'Remove several lines at once (管理 mode, 清空失效商品); lines already gone are ignored',
      body: RemoveItemsSchema,
    },
    (ctx, { body, query }) => removeItems(deps, requireMemberId(ctx), body.skuIds, query.storeId),
  );
  return router;
}
