import { orderEvents, orders, type OrderEventReason, type OrderStatus, type Tx } from '@shop/db';
import { orderLifecycle, type OrderEvent } from '../../domain/order-state';
import { errors } from '../../http/errors';
import { applyTransition, type Actor, type StatusTable } from '../../lifecycle/apply';

export type OrderActor = Actor;
export type OrderEventNote = { reason?: OrderEventReason; detail?: Record<string, unknown> };

/** The order state machine bound to its table; its history row is the customer's timeline (order_events). */
export const orderStatusTable: StatusTable<OrderStatus, OrderEvent, typeof orders, OrderEventNote> = {
  lifecycle: orderLifecycle,
  table: orders,
  key: orders.id,
  status: orders.status,
  record: (tx, change, note) =>
    tx.insert(orderEvents).values({
      orderId: change.id,
      fromStatus: change.from,
      toStatus: change.to,
      actorType: note.actor.type,
      actorId: note.actor.id,
      reason: note.reason,
      detail: note.detail,
    }),
  conflict: () => errors.conflict('ORDER_STATE_CONFLICT', '订单状态已变化，请刷新后重试'),
};

/**
 * Moves an order through the state machine with a guarded UPDATE (… WHERE status = from): if
 * someone else moved it first, zero rows change and the caller gets 409. Writes the timeline row.
 * The shared executor (lifecycle/apply.ts) does the work; this keeps the order module's signature.
 */
export async function applyOrderEvent(
  tx: Tx,
  order: { id: number; status: OrderStatus },
  event: OrderEvent,
  actor: OrderActor,
  extra: { reason?: OrderEventReason; set?: Partial<typeof orders.$inferInsert>; detail?: Record<string, unknown> } = {},
): Promise<OrderStatus> {
  return applyTransition(tx, orderStatusTable, order, event, { actor, set: extra.set, reason: extra.reason, detail: extra.detail });
}
