import { and, eq } from 'drizzle-orm';
import { outbox, payments, userCoupons } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { release, withInventoryTx } from '../inventory/service';
import { syncPayment } from '../payment/service';
import { releaseSeat } from '../groupbuy/admission';
import { releaseFlashUnits, returnToGate } from '../flashsale/admission';
import { findOrder, overdueUnpaid, paymentOf, type OrderRow } from './queries';
import { applyOrderEvent, type OrderActor } from './transitions';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'now' | 'config' | 'pay' | 'logger' | 'orderJobs'>;

export type CloseOutcome = 'cancelled' | 'paid_meanwhile' | 'not_pending';

/**
 * Cancels an unpaid order exactly once: closes the WeChat transaction first (so the customer
 * can no longer pay it), then in one transaction moves the order to cancelled, releases its
 * stock and gives the coupon back. If WeChat says it was paid meanwhile, it settles as paid.
 */
export async function cancelUnpaid(deps: Deps, order: OrderRow, actor: OrderActor, reason: string): Promise<CloseOutcome> {
  if (order.status !== 'pending_payment') return 'not_pending';
  const payment = await paymentOf(deps.db, order.id);
  if (payment?.prepayId && (await deps.pay.close(order.orderNo)) === 'already_paid') {
    await syncPayment(deps, order);
    return 'paid_meanwhile';
  }
  const now = deps.now();
  let flashUnits = 0;
  try {
    await withInventoryTx(deps.db, async (tx) => {
      await applyOrderEvent(tx, order, 'cancel', actor, { reason, set: { cancelledAt: now, cancelReason: reason } });
      await release(tx, {
        storeId: order.storeId,
        reference: order.orderNo,
        actor: { type: actor.type === 'member' ? 'member' : 'system', id: actor.id },
        at: now,
      });
      if (order.userCouponId) {
        await tx
          .update(userCoupons)
          .set({ status: 'available', lockedOrderId: null })
          .where(and(eq(userCoupons.id, order.userCouponId), eq(userCoupons.lockedOrderId, order.id), eq(userCoupons.status, 'locked')));
      }
      if (payment)
        await tx
          .update(payments)
          .set({ status: 'closed', closedAt: now })
          .where(and(eq(payments.id, payment.id), eq(payments.status, 'pending')));
      await tx
        .update(outbox)
        .set({ status: 'done', processedAt: now })
        .where(eq(outbox.dedupeKey, `close:${order.orderNo}`));
      // Activity holds go back too: the group seat and campaign stock, the flash sale's units.
      await releaseSeat(tx, order, now);
      flashUnits = await releaseFlashUnits(tx, order);
    });
  } catch (err) {
    // Lost the race to a payment or another close: whatever won is the truth.
    if ((err as { code?: string }).code === 'ORDER_STATE_CONFLICT') return 'not_pending';
    throw err;
  }
  await returnToGate(deps.redis, order, flashUnits).catch((err: unknown) =>
    deps.logger.warn({ err, orderNo: order.orderNo }, 'returning flash units to the gate failed'),
  );
  return 'cancelled';
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
