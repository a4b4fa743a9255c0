import type { OrderEventReason, Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { withInventoryTx } from '../inventory';
import { returnToGate } from '../flashsale';
import { applyOrderEvent, findOrder, forgetIdempotencyKey, linesOf, overdueUnpaid, type OrderActor, type OrderRow } from '../order';
import { closePending, paymentOf, syncPayment } from '../payment';
import { releaseHolds } from './holds';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'now' | 'config' | 'pay' | 'logger' | 'orderJobs'>;

export type CloseOutcome = 'cancelled' | 'paid_meanwhile' | 'not_pending';

/**
 * Cancels an unpaid order exactly once: closes the WeChat transaction first (so the customer
 * can no longer pay it), then in one transaction moves the order to cancelled and gives back
 * everything it holds (holds.ts). If WeChat says it was paid meanwhile, it settles as paid.
 */
export async function cancelUnpaid(deps: Deps, order: OrderRow, actor: OrderActor, reason: OrderEventReason): Promise<CloseOutcome> {
  if (order.status !== 'pending_payment') return 'not_pending';
  const payment = await paymentOf(deps.db, order.id);
  if (payment?.prepayId && (await deps.pay.close(order.orderNo)) === 'already_paid') {
    await syncPayment(deps, order);
    return 'paid_meanwhile';
  }
  try {
    await withInventoryTx(deps.db, async (tx) => {
      await cancelAndRelease(deps, tx, order, actor, reason);
      if (payment) await closePending(tx, payment.id, deps.now());
    });
  } catch (err) {
    // Lost the race to a payment or another close: whatever won is the truth.
    if ((err as { code?: string }).code === 'ORDER_STATE_CONFLICT') return 'not_pending';
    throw err;
  }
  // The flash sale's units went back to the sale in the transaction; now to the gate as well.
  if (order.activityType === 'flash') {
    await returnToGate(deps.redis, order, await unitsOf(deps, order)).catch((err: unknown) =>
      deps.logger.warn({ err, orderNo: order.orderNo }, 'returning flash units to the gate failed'),
    );
  }
  return 'cancelled';
}

/**
 * The undo of placing an order, when a later step of the placement failed: the order is
 * cancelled with everything it holds given back, and its Idempotency-Key is freed so the
 * customer's retry places a new order. (No payment was prepared yet; the gate step gives its
 * unit back itself.)
 */
export async function voidUnplaced(deps: Deps, order: OrderRow): Promise<void> {
  await withInventoryTx(deps.db, async (tx) => {
    await cancelAndRelease(deps, tx, order, { type: 'system' }, 'placement_failed');
    await forgetIdempotencyKey(tx, order.id);
  });
}

async function cancelAndRelease(deps: Deps, tx: Tx, order: OrderRow, actor: OrderActor, reason: OrderEventReason): Promise<void> {
  const now = deps.now();
  await applyOrderEvent(tx, order, 'cancel', actor, { reason, set: { cancelledAt: now, cancelReason: reason } });
  await releaseHolds(tx, order, { now, actor: { type: actor.type === 'member' ? 'member' : 'system', id: actor.id } });
}

/** A flash order's units: what the gate admitted it with. */
async function unitsOf(deps: Deps, order: OrderRow): Promise<number> {
  return (await linesOf(deps.db, [order.id])).reduce((sum, line) => sum + line.qty, 0);
}

/** The delayed job's work: close the order if it is still unpaid after its deadline. */
export async function closeIfOverdue(deps: Deps, orderId: number): Promise<CloseOutcome> {
  const order = await findOrder(deps.db, orderId);
  if (!order || order.status !== 'pending_payment') return 'not_pending';
  if (order.payDeadline && order.payDeadline > deps.now()) return 'not_pending';
  return cancelUnpaid(deps, order, { type: 'system' }, 'payment_timeout');
}

/** Backstop for delayed jobs Redis may have lost: closes every overdue unpaid order. */
export async function sweepOverdue(deps: Deps, batch = 100): Promise<number> {
  let closed = 0;
  for (const order of await overdueUnpaid(deps.db, deps.now(), batch)) {
    // One order failing (WeChat down, say) must not stop the sweep; the next run retries it.
    const outcome = await cancelUnpaid(deps, order, { type: 'system' }, 'payment_timeout').catch((err: unknown) => {
      deps.logger.warn({ err, orderNo: order.orderNo }, 'closing an overdue order failed');
      return 'not_pending' as const;
    });
    if (outcome === 'cancelled') closed += 1;
  }
  return closed;
}

export async function cancelByCustomer(deps: Deps, memberId: number, orderId: number): Promise<CloseOutcome> {
  const order = await findOrder(deps.db, orderId);
  if (!order || order.memberId !== memberId) throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
  if (order.status !== 'pending_payment') throw errors.conflict('ORDER_STATE_CONFLICT', '订单已支付或已关闭，无法取消');
  return cancelUnpaid(deps, order, { type: 'member', id: memberId }, 'customer_cancelled');
}
