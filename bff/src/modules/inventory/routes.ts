import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import type { AppContext, AppState } from '../../http/context';
import { route } from '../../http/route';
import { requireStaff } from '../staff';
import {
  AdjustStockSchema,
  ReceiveStockSchema,
  StockChangeSchema,
  StockListQuerySchema,
  StockListSchema,
  TransferResultSchema,
  StockIdempotencyHeaderSchema,
  TransferStockSchema,
} from './schema';
import { adjustStock, listStock, receiveStock, transferStock } from './staff';

const IDEMPOTENT =
  ' Requires an Idempotency-Key header (8–48 of A-Z a-z 0-9 _ . : -); repeating it changes nothing and answers applied=false.';

/** Staff stock endpoints: clerks read their store, managers change it, head office any store. */
export function inventoryRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['staff', 'inventory'];

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/inventory',
      summary: 'Stock of my store (admin: storeId) with sellable quantities, 7-day sales and the low-stock flag',
      tags,
      auth: true,
      query: StockListQuerySchema,
      response: StockListSchema,
    },
    async (ctx, { query }) => listStock(deps, await requireStaff(ctx, deps.db, 'clerk'), query),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/inventory/receive',
      summary: `Goods received at my store (manager+).${IDEMPOTENT}`,
      tags,
      auth: true,
      body: ReceiveStockSchema,
      headers: StockIdempotencyHeaderSchema,
      response: StockChangeSchema,
    },
    async (ctx, { body }) => receiveStock(deps, await requireStaff(ctx, deps.db, 'manager'), body, requestOf(ctx)),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/inventory/adjust',
      summary: `Stocktake correction with a reason (manager+); on hand may not drop below reserved.${IDEMPOTENT}`,
      tags,
      auth: true,
      body: AdjustStockSchema,
      headers: StockIdempotencyHeaderSchema,
      response: StockChangeSchema,
    },
    async (ctx, { body }) => adjustStock(deps, await requireStaff(ctx, deps.db, 'manager'), body, requestOf(ctx)),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/inventory/transfer',
      summary: `Transfer stock from my store (admin: fromStoreId) to another store (manager+).${IDEMPOTENT}`,
      tags,
      auth: true,
      body: TransferStockSchema,
      headers: StockIdempotencyHeaderSchema,
      response: TransferResultSchema,
    },
    async (ctx, { body }) => transferStock(deps, await requireStaff(ctx, deps.db, 'manager'), body, requestOf(ctx)),
  );

  return router;
}

function requestOf(ctx: AppContext) {
  return { idempotencyKey: ctx.get('idempotency-key') || undefined, userAgent: ctx.get('user-agent') };
}
