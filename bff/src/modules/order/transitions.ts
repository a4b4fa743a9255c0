import { and, eq } from 'drizzle-orm';
import { orderEvents, orders, type OrderStatus, type Tx } from '@shop/db';
import { transition, type OrderEvent } from '../../domain/order-state';
import { errors } from '../../http/errors';

export type OrderActor = { type: 'system' | 'member' | 'staff' | 'wechat'; id?: number };

/**
 * Moves an order through the state machine with a guarded UPDATE (… WHERE status = from): if
 * someone else moved it first, zero rows change and the caller gets 409. Writes the timeline row.
 */
export async function applyOrderEvent(
  tx: Tx,
  order: { id: number; status: OrderStatus },
  event: OrderEvent,
  actor: OrderActor,
  extra: { reason?: string; set?: Partial<typeof orders.$inferInsert>; detail?: Record<string, unknown> } = {},
): Promise<OrderStatus> {
  const result = transition(order.status, event);
  if (!result.ok) throw errors.conflict('ORDER_STATE_CONFLICT', '订单状态已变化，请刷新后重试');
  const [updated] = await tx
    .update(orders)
    .set({ ...extra.set, status: result.to })
    .where(and(eq(orders.id, order.id), eq(orders.status, order.status)));
  if (updated.affectedRows !== 1) throw errors.conflict('ORDER_STATE_CONFLICT', '订单状态已变化，请刷新后重试');
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: result.to,
    actorType: actor.type,
    actorId: actor.id,
    reason: extra.reason,
    detail: extra.detail,
  });
  return result.to;
}
