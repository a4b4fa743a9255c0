import { and, eq, isNull, sql } from 'drizzle-orm';
import { orderEvents, orderLines, orders, type Tx } from '@shop/db';
import type { PricingResult } from '../../domain/pricing';
import { orderLineRows, type PricedLine } from './lines';
import type { OrderActor } from './transitions';

/**
 * Every write of orders, order_lines and order_events outside the state machine (transitions.ts):
 * the order being born (online or at the till), money bookkeeping and the staff attention flag.
 */

export type NewOrder = Omit<typeof orders.$inferInsert, 'id' | 'status'>;

/**
 * An online order, unpaid: its row, its lines and the first timeline entry. The order number's
 * and the idempotency key's unique indexes make this the first write that serialises retries.
 */
export async function placeOrder(
  tx: Tx,
  order: NewOrder,
  priced: { lines: PricedLine[]; pricing: PricingResult },
  actor: OrderActor,
): Promise<number> {
  const [inserted] = await tx.insert(orders).values({ ...order, status: 'pending_payment' });
  const orderId = inserted.insertId;
  await tx.insert(orderLines).values(orderLineRows(orderId, priced));
  await tx
    .insert(orderEvents)
    .values({ orderId, fromStatus: null, toStatus: 'pending_payment', actorType: actor.type, actorId: actor.id, reason: 'created' });
  return orderId;
}

/**
 * A till sale is born paid and handed over, so it never moves through the order state machine
 * (whose events move existing orders, and must not let an online order skip pickup): its
 * timeline only records what the customer sees — 已付款 at the counter, then 已完成.
 */
export async function recordTillSale(
  tx: Tx,
  sale: NewOrder & { staffId: number; createdAt: Date },
  priced: { lines: PricedLine[]; pricing: PricingResult },
  payMethod: string,
): Promise<number> {
  const [inserted] = await tx.insert(orders).values({ ...sale, status: 'completed' });
  const orderId = inserted.insertId;
  await tx.insert(orderLines).values(orderLineRows(orderId, priced));
  const staff = { actorType: 'staff', actorId: sale.staffId, createdAt: sale.createdAt } as const;
  await tx.insert(orderEvents).values([
    { orderId, fromStatus: null, toStatus: 'paid', reason: 'created', detail: { channel: 'offline', payMethod }, ...staff },
    { orderId, fromStatus: 'paid', toStatus: 'completed', reason: 'till_sale', ...staff },
  ]);
  return orderId;
}

/** A payment that arrived after the order was cancelled: recorded (it is refunded in full), the status stays. */
export async function recordLatePayment(tx: Tx, orderId: number, paid: { paidFen: number; paidAt: Date }): Promise<void> {
  await tx.update(orders).set(paid).where(eq(orders.id, orderId));
}

/**
 * A refund succeeded: its lines and the order count the money back. The guards are the
 * invariants (never more than bought or paid); breaking one is a bug, so it throws.
 */
export async function addRefunded(
  tx: Tx,
  refund: { orderId: number; outRefundNo: string; amountFen: number; lines: { orderLineId: number; qty: number; amountFen: number }[] },
): Promise<void> {
  for (const line of refund.lines) {
    const [updated] = await tx
      .update(orderLines)
      .set({ refundedQty: sql`${orderLines.refundedQty} + ${line.qty}`, refundedFen: sql`${orderLines.refundedFen} + ${line.amountFen}` })
      .where(
        and(
          eq(orderLines.id, line.orderLineId),
          sql`${orderLines.refundedQty} + ${line.qty} <= ${orderLines.qty}`,
          sql`${orderLines.refundedFen} + ${line.amountFen} <= ${orderLines.payableFen}`,
        ),
      );
    if (updated.affectedRows !== 1)
      throw new Error(`refund ${refund.outRefundNo}: line ${line.orderLineId} would be refunded beyond what was bought`);
  }
  const [updated] = await tx
    .update(orders)
    .set({ refundedFen: sql`${orders.refundedFen} + ${refund.amountFen}` })
    .where(and(eq(orders.id, refund.orderId), sql`${orders.refundedFen} + ${refund.amountFen} <= ${orders.paidFen}`));
  if (updated.affectedRows !== 1)
    throw new Error(`refund ${refund.outRefundNo}: order ${refund.orderId} would be refunded beyond what was paid`);
}

/**
 * Puts the order on the staff's attention list. The newest money problem wins the one field;
 * with `ifUnflagged`, an order already flagged for something else keeps that flag.
 */
export async function flagOrder(tx: Tx, orderId: number, reason: string, options: { ifUnflagged?: boolean } = {}): Promise<void> {
  const guard = options.ifUnflagged ? isNull(orders.flaggedReason) : undefined;
  await tx
    .update(orders)
    .set({ flaggedReason: reason.slice(0, 255) })
    .where(and(eq(orders.id, orderId), guard));
}

/** Clears the flag, only if it still says what the caller resolved. */
export async function clearFlag(tx: Tx, orderId: number, reason: string): Promise<void> {
  await tx
    .update(orders)
    .set({ flaggedReason: null })
    .where(and(eq(orders.id, orderId), eq(orders.flaggedReason, reason)));
}

/** An order whose placement was undone frees its Idempotency-Key, so the retry places afresh. */
export async function forgetIdempotencyKey(tx: Tx, orderId: number): Promise<void> {
  await tx.update(orders).set({ idempotencyKey: null }).where(eq(orders.id, orderId));
}
