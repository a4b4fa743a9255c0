import { orders, type OrderStatus, type Tx } from '@shop/db';
import type { OrderEvent } from '../../domain/order-state';
import { applyTransition, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';

export type OrderActor = Actor;

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
  extra: { reason?: string; set?: Partial<typeof orders.$inferInsert>; detail?: Record<string, unknown> } = {},
): Promise<OrderStatus> {
  return applyTransition(tx, lifecycles.order, order, event, { actor, set: extra.set, reason: extra.reason, detail: extra.detail });
}
