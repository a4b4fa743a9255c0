import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { IdempotencyHeaderSchema } from '../../http/idempotency';
import { requireStaff, storeFor } from '../staff';
import { tillDaySummary } from './queries';
import { TillDaySummarySchema, TillQuoteResultSchema, TillQuoteSchema, TillSaleResultSchema, TillSaleSchema } from './schema';
import { quoteSale, ringUpSale } from './service';

export function tillRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['staff'];

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/sales/quote',
      summary: 'Price a till basket at my store (member by id after /api/staff/members/resolve; uses nothing up)',
      tags,
      auth: true,
      body: TillQuoteSchema,
      response: TillQuoteResultSchema,
    },
    async (ctx, { body }) => quoteSale(deps, await requireStaff(ctx, deps.db, 'clerk'), body),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/sales',
      summary: 'Ring up a till sale on the shared stock (Idempotency-Key header required; may sell the safety stock)',
      tags,
      auth: true,
      body: TillSaleSchema,
      headers: IdempotencyHeaderSchema,
      response: TillSaleResultSchema,
      status: 201,
    },
    async (ctx, { body }) => {
      const staff = await requireStaff(ctx, deps.db, 'clerk');
      return ringUpSale(deps, staff, body, { idempotencyKey: ctx.get('idempotency-key') || undefined, userAgent: ctx.get('user-agent') });
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/sales/summary',
      summary: "My store's till sales today split by tender (现金 / 微信 / 支付宝 / 银行卡; admins name the store)",
      tags,
      auth: true,
      query: z.object({ storeId: z.coerce.number().int().positive().optional() }),
      response: TillDaySummarySchema,
    },
    async (ctx, { query }) => {
      const staff = await requireStaff(ctx, deps.db, 'clerk');
      return tillDaySummary(deps.db, await storeFor(deps.db, staff, query.storeId), deps.now());
    },
  );

  return router;
}
