import Router from '@koa/router';
import type { OrderStatus } from '@shop/db';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { errors } from '../../http/errors';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { syncPayment } from '../payment';
import { cancelByCustomer } from './close';
import { countMemberOrders, findOrder, linesOf, listMemberOrders } from '../order';
import { quote } from './quote';
import { IdempotencyHeaderSchema, IdempotencyKeySchema, OrderIdParamsSchema } from '../../http/idempotency';
import {
  CancelResultSchema,
  CreatedOrderSchema,
  CreateOrderSchema,
  OrderCountsSchema,
  OrderDetailSchema,
  OrderPageSchema,
  OrderQuerySchema,
  QuoteResultSchema,
  QuoteSchema,
} from './schema';
import { createOrder, withPayment } from './service';
import { orderView } from './view';
import { storeBriefs } from './pickup';
import { pickupCodeOf } from '../pickup';

/** Polling an unpaid order asks WeChat once its payment is this old without a notification. */
const QUERY_WECHAT_AFTER_MS = 5_000;

export function orderRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['order'];

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/checkout/quote',
      summary: 'Price a would-be order (never trusted later)',
      tags,
      auth: true,
      body: QuoteSchema,
      response: QuoteResultSchema,
    },
    (ctx, { body }) => quote(deps, requireMemberId(ctx), { ...body, storeId: body.fulfillment.storeId }),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orders',
      summary: 'Create an order (Idempotency-Key header required) and get payment params',
      tags,
      auth: true,
      body: CreateOrderSchema,
      headers: IdempotencyHeaderSchema,
      response: CreatedOrderSchema,
      status: 201,
      rateLimit: requestLimit(deps.redis, 'order', deps.config.rateLimits.order, deps.config.rateLimits),
    },
    (ctx, { body }) => {
      const memberId = requireMemberId(ctx);
      const key = IdempotencyKeySchema.parse(ctx.get('idempotency-key') || undefined);
      return createOrder(deps, memberId, key, body);
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orders',
      summary: 'My orders by status, newest first',
      tags,
      auth: true,
      query: OrderQuerySchema,
      response: OrderPageSchema,
    },
    async (ctx, { query }) => {
      const memberId = requireMemberId(ctx);
      const statuses =
        query.status === 'all' ? undefined : query.status === 'preparing' ? (['paid', 'preparing'] as const) : ([query.status] as const);
      const rows = await listMemberOrders(deps.db, memberId, statuses ? [...statuses] : undefined, query.limit + 1, query.cursor);
      const page = rows.slice(0, query.limit);
      const [lines, stores] = await Promise.all([
        linesOf(
          deps.db,
          page.map((o) => o.id),
        ),
        storeBriefs(
          deps.db,
          page.map((o) => o.storeId),
        ),
      ]);
      return {
        items: await Promise.all(
          page.map((o) => orderView(deps.db, o, { lines: lines.filter((l) => l.orderId === o.id), store: stores.get(o.storeId) })),
        ),
        nextCursor: rows.length > query.limit ? page[page.length - 1].id : null,
      };
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orders/counts',
      summary: 'How many of my orders wait in each 我的 shortcut (badges)',
      tags,
      auth: true,
      response: OrderCountsSchema,
    },
    async (ctx) => {
      const { byStatus, afterSale } = await countMemberOrders(deps.db, requireMemberId(ctx));
      const n = (status: OrderStatus) => byStatus.get(status) ?? 0;
      return {
        pendingPayment: n('pending_payment'),
        awaitingGroup: n('awaiting_group'),
        preparing: n('paid') + n('preparing'),
        readyForPickup: n('ready_for_pickup'),
        afterSale,
      };
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orders/:id',
      summary: 'My order with its timeline',
      tags,
      auth: true,
      params: OrderIdParamsSchema,
      response: OrderDetailSchema,
    },
    async (ctx, { params }) => {
      let order = await ownOrder(deps, requireMemberId(ctx), params.id);
      // The client's requestPayment "ok" proves nothing: ask WeChat when the notification is late.
      if (order.status === 'pending_payment' && deps.now().getTime() - order.createdAt.getTime() > QUERY_WECHAT_AFTER_MS) {
        if ((await syncPayment(deps, order)) === 'paid') order = (await findOrder(deps.db, order.id))!;
      }
      return { ...(await orderView(deps.db, order, { timeline: true })), pickup: await pickupCodeOf(deps, order) };
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orders/:id/pay',
      summary: 'Fresh payment params for an unpaid order',
      tags,
      auth: true,
      params: OrderIdParamsSchema,
      response: CreatedOrderSchema,
    },
    async (ctx, { params }) => {
      const order = await ownOrder(deps, requireMemberId(ctx), params.id);
      if (order.status !== 'pending_payment') throw errors.conflict('ORDER_STATE_CONFLICT', '订单已支付或已关闭');
      if (order.payDeadline && order.payDeadline <= deps.now()) throw errors.conflict('ORDER_PAY_EXPIRED', '订单已超时关闭');
      const result = await withPayment(deps, order);
      if (!result.payment) throw errors.rule('PAYMENT_UNAVAILABLE', '支付暂不可用，请稍后再试');
      return result;
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orders/:id/cancel',
      summary: 'Cancel my unpaid order',
      tags,
      auth: true,
      params: OrderIdParamsSchema,
      response: CancelResultSchema,
    },
    async (ctx, { params }) => ({ result: await cancelByCustomer(deps, requireMemberId(ctx), params.id) }),
  );

  return router;
}

async function ownOrder(deps: Pick<AppDeps, 'db'>, memberId: number, orderId: number) {
  const order = await findOrder(deps.db, orderId);
  // Someone else's order is simply "not found": no hint that it exists.
  if (!order || order.memberId !== memberId) throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
  return order;
}
