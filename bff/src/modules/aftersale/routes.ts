import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { requestFingerprint } from '../../http/fingerprint';
import { IdempotencyHeaderSchema, IdempotencyKeySchema, OrderIdParamsSchema } from '../../http/idempotency';
import { route } from '../../http/route';
import { requireStaff } from '../staff';
import {
  AfterSaleCreateSchema,
  AfterSaleEligibilitySchema,
  AfterSaleIdParamsSchema,
  AfterSaleListQuerySchema,
  AfterSaleListSchema,
  AfterSaleSchema,
  DecisionNoteSchema,
  RejectNoteSchema,
  StaffAfterSaleListSchema,
  StaffAfterSaleQuerySchema,
  StaffAfterSaleSchema,
} from './schema';
import { afterSaleOptions, cancelAfterSale, createAfterSale, myAfterSale, myAfterSales } from './service';
import { decide, handOver, listForStaffMember, receive } from './staff';

/** 售后 after pickup: the customer's requests, and the store manager's review, receipt and exchange hand-over. */
export function afterSaleRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orders/:id/after-sale-options',
      summary: 'Whether my completed order takes an after-sale request (window, lines left, exchange options)',
      tags: ['aftersale'],
      auth: true,
      params: OrderIdParamsSchema,
      response: AfterSaleEligibilitySchema,
    },
    async (ctx, { params }) => afterSaleOptions(deps, requireMemberId(ctx), params.id),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orders/:id/after-sales',
      summary: 'Ask for 退货退款 or 换货 of lines of my completed order within the window (Idempotency-Key header required)',
      tags: ['aftersale'],
      auth: true,
      params: OrderIdParamsSchema,
      body: AfterSaleCreateSchema,
      headers: IdempotencyHeaderSchema,
      response: AfterSaleSchema,
      status: 201,
    },
    async (ctx, { params, body }) => {
      const memberId = requireMemberId(ctx);
      const requestKey = IdempotencyKeySchema.parse(ctx.get('idempotency-key') || undefined);
      const { afterSale } = await createAfterSale(deps, {
        orderId: params.id,
        memberId,
        requestKey,
        fingerprint: requestFingerprint('POST /api/orders/:id/after-sales', { orderId: params.id, ...body }),
        ...body,
      });
      return myAfterSale(deps, memberId, afterSale.id);
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/after-sales',
      summary: 'My after-sale requests, newest first',
      tags: ['aftersale'],
      auth: true,
      query: AfterSaleListQuerySchema,
      response: AfterSaleListSchema,
    },
    async (ctx, { query }) => myAfterSales(deps, requireMemberId(ctx), query),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/after-sales/:id',
      summary: 'One of my after-sale requests with its status timeline',
      tags: ['aftersale'],
      auth: true,
      params: AfterSaleIdParamsSchema,
      response: AfterSaleSchema,
    },
    async (ctx, { params }) => myAfterSale(deps, requireMemberId(ctx), params.id),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/after-sales/:id/cancel',
      summary: 'Withdraw my request before the store has the goods back',
      tags: ['aftersale'],
      auth: true,
      params: AfterSaleIdParamsSchema,
      response: AfterSaleSchema,
    },
    async (ctx, { params }) => {
      const memberId = requireMemberId(ctx);
      await cancelAfterSale(deps, memberId, params.id);
      return myAfterSale(deps, memberId, params.id);
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/after-sales',
      summary: 'After-sale requests after pickup of my store (manager) or of every store (admin); default status=open',
      tags: ['staff'],
      auth: true,
      query: StaffAfterSaleQuerySchema,
      response: StaffAfterSaleListSchema,
    },
    async (ctx, { query }) => listForStaffMember(deps, await requireStaff(ctx, deps.db, 'manager'), query),
  );

  const staffStep = (
    path: string,
    summary: string,
    run: (
      staff: Awaited<ReturnType<typeof requireStaff>>,
      id: number,
      body: { note?: string } | undefined,
      userAgent: string,
    ) => Promise<unknown>,
    body?: typeof DecisionNoteSchema | typeof RejectNoteSchema,
  ) =>
    route(
      router,
      registry,
      {
        method: 'post',
        path: `/api/staff/after-sales/:id/${path}`,
        summary,
        tags: ['staff'],
        auth: true,
        params: AfterSaleIdParamsSchema,
        body,
        response: StaffAfterSaleSchema,
      },
      async (ctx, { params, body: input }) =>
        run(await requireStaff(ctx, deps.db, 'manager'), params.id, input as { note?: string } | undefined, ctx.get('user-agent')),
    );

  staffStep(
    'approve',
    'Approve a request: the customer brings the goods to the store',
    (staff, id, body, ua) => decide(deps, staff, id, { to: 'approve', note: body?.note }, ua),
    DecisionNoteSchema,
  );
  staffStep(
    'reject',
    'Reject a request with the reason the customer reads',
    (staff, id, body, ua) => decide(deps, staff, id, { to: 'reject', note: body?.note }, ua),
    RejectNoteSchema,
  );
  staffStep('receive', '确认收货: the goods are back in the store’s stock; 退货退款 sends the refund at once', (staff, id, _body, ua) =>
    receive(deps, staff, id, ua),
  );
  staffStep('hand-over', '换货: hand the other SKU over (stock out)', (staff, id, _body, ua) => handOver(deps, staff, id, ua));

  return router;
}
