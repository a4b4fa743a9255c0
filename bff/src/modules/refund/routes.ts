import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { requestFingerprint } from '../../http/fingerprint';
import { IdempotencyHeaderSchema, IdempotencyKeySchema, OrderIdParamsSchema } from '../../http/idempotency';
import { requireStaff } from '../staff';
import { approveRequest, executeSoon, listRequests, rejectRequest, retryFailed } from './after-sale';
import { findRefund, linesOfRefunds, type RefundRow } from './queries';
import { requestRefund } from './request';
import {
  RefundIdParamsSchema,
  RefundRequestSchema,
  RefundSchema,
  RejectSchema,
  StaffRefundListSchema,
  StaffRefundQuerySchema,
} from './schema';
import { refundView } from './view';

/** After-sale: the customer's refund request, and the store manager's review of it. */
export function refundRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orders/:id/refund-requests',
      summary: 'Ask for a refund of my order or some of its lines (Idempotency-Key header required)',
      tags: ['refund'],
      auth: true,
      params: OrderIdParamsSchema,
      body: RefundRequestSchema,
      headers: IdempotencyHeaderSchema,
      response: RefundSchema,
      status: 201,
    },
    async (ctx, { params, body }) => {
      const memberId = requireMemberId(ctx);
      const requestKey = IdempotencyKeySchema.parse(ctx.get('idempotency-key') || undefined);
      const { refund } = await requestRefund(deps, {
        orderId: params.id,
        memberId,
        requestKey,
        fingerprint: requestFingerprint('POST /api/orders/:id/refund-requests', { orderId: params.id, ...body }),
        reason: body.reason,
        lines: body.lines,
        source: 'customer',
      });
      // Not yet prepared: refunded at once (a retried request nudges a refund that is still due).
      if (refund.status === 'approved') await executeSoon(deps, refund.id);
      return view(deps, (await findRefund(deps.db, refund.id))!);
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/refund-requests',
      summary: 'After-sale requests of my store (manager) or of every store (admin); default status=requested',
      tags: ['staff'],
      auth: true,
      query: StaffRefundQuerySchema,
      response: StaffRefundListSchema,
    },
    async (ctx, { query }) => listRequests(deps, await requireStaff(ctx, deps.db, 'manager'), query),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/refund-requests/:id/approve',
      summary: 'Approve an after-sale request: the refund is sent to WeChat at once',
      tags: ['staff'],
      auth: true,
      params: RefundIdParamsSchema,
      response: RefundSchema,
    },
    async (ctx, { params }) => {
      const staff = await requireStaff(ctx, deps.db, 'manager');
      return view(deps, await approveRequest(deps, staff, params.id, ctx.get('user-agent')));
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/refund-requests/:id/reject',
      summary: 'Reject an after-sale request with a note the customer reads; no money moves',
      tags: ['staff'],
      auth: true,
      params: RefundIdParamsSchema,
      body: RejectSchema,
      response: RefundSchema,
    },
    async (ctx, { params, body }) => {
      const staff = await requireStaff(ctx, deps.db, 'manager');
      return view(deps, await rejectRequest(deps, staff, params.id, body.note, ctx.get('user-agent')));
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/refund-requests/:id/retry',
      summary: 'Send a failed refund again with the same refund number (after fixing the cause)',
      tags: ['staff'],
      auth: true,
      params: RefundIdParamsSchema,
      response: RefundSchema,
    },
    async (ctx, { params }) => {
      const staff = await requireStaff(ctx, deps.db, 'manager');
      return view(deps, await retryFailed(deps, staff, params.id, ctx.get('user-agent')));
    },
  );

  return router;
}

async function view(deps: Pick<AppDeps, 'db'>, refund: RefundRow) {
  return refundView(refund, await linesOfRefunds(deps.db, [refund.id]));
}
