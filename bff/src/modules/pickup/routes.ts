import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppContext, AppState } from '../../http/context';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { requireStaff, storeFor } from '../staff';
import { confirmPickup, markReady, verifyPickup } from './service';
import { liftStoreLock } from './lockout';
import { storeMetrics, storeQueue } from './queue';
import {
  OrderReadySchema,
  PickupDoneSchema,
  PickupSummarySchema,
  StaffOrderListSchema,
  StoreMetricsSchema,
  StoreUnlockSchema,
} from './schema';

const id = z.coerce.number().int().positive();
const CodeSchema = z.string().trim().min(1, '请输入取货码').max(64);

/** The store's side of pickup: preparation queue, 备货完成, 核销, and the manager's numbers. */
export function pickupRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['staff'];
  const userAgent = (ctx: AppContext) => ctx.get('user-agent') || 'unknown';

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/orders',
      summary: 'Store queue: to prepare, waiting for pickup, picked up today, or flagged for staff (any status, newest first)',
      tags,
      auth: true,
      query: z.object({
        status: z.enum(['preparing', 'ready_for_pickup', 'picked_up_today', 'flagged']).default('preparing'),
        storeId: id.optional(),
      }),
      response: StaffOrderListSchema,
    },
    async (ctx, { query }) => {
      const staff = await requireStaff(ctx, deps.db);
      return { items: await storeQueue(deps.db, await storeFor(deps.db, staff, query.storeId), query.status, deps.now()) };
    },
  );
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/orders/:id/ready',
      summary: '备货完成: the order is ready; the customer gets the pickup code',
      tags,
      auth: true,
      params: z.object({ id }),
      response: OrderReadySchema,
    },
    async (ctx, { params }) => {
      const staff = await requireStaff(ctx, deps.db);
      const order = await markReady(deps, staff, params.id, userAgent(ctx));
      return { id: order.id, status: order.status, readyAt: order.readyAt?.toISOString() ?? null };
    },
  );
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/pickups/verify',
      summary: 'Look up a pickup code (typed or scanned) at my store',
      tags,
      auth: true,
      body: z.object({ code: CodeSchema, storeId: z.number().int().positive().optional() }),
      response: PickupSummarySchema,
      // Every lookup, right or wrong; wrong codes also have their own lockout (docs/domain.md#pickup).
      rateLimit: requestLimit(deps.redis, 'pickup_verify', deps.config.rateLimits.pickupVerify, deps.config.rateLimits),
    },
    async (ctx, { body }) => verifyPickup(deps, await requireStaff(ctx, deps.db), body, userAgent(ctx)),
  );
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/pickups/:orderId/confirm',
      summary: 'Hand the order over (once): stock committed, order completed, points credited',
      tags,
      auth: true,
      params: z.object({ orderId: id }),
      body: z.object({ code: CodeSchema }),
      response: PickupDoneSchema,
    },
    async (ctx, { params, body }) => confirmPickup(deps, await requireStaff(ctx, deps.db), params.orderId, body, userAgent(ctx)),
  );
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/pickups/unlock',
      summary: "Lift the store's pickup lock after wrong codes from several staff members (managers; admins name the store)",
      tags,
      auth: true,
      body: z.object({ storeId: z.number().int().positive().optional() }),
      response: StoreUnlockSchema,
    },
    async (ctx, { body }) => {
      const manager = await requireStaff(ctx, deps.db, 'manager');
      return liftStoreLock(deps, manager, await storeFor(deps.db, manager, body.storeId), userAgent(ctx));
    },
  );
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/metrics',
      summary: "Today's GMV by channel, pickup pipeline, lockouts (managers; admins all stores)",
      tags,
      auth: true,
      query: z.object({ storeId: id.optional() }),
      response: StoreMetricsSchema,
    },
    async (ctx, { query }) => {
      const staff = await requireStaff(ctx, deps.db, 'manager');
      const storeId = staff.role === 'admin' ? query.storeId : await storeFor(deps.db, staff, query.storeId);
      return storeMetrics(deps.db, storeId, deps.now(), deps.config.pickup.remindAfterDays);
    },
  );
  return router;
}
