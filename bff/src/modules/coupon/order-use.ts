import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx, type Tx } from '@shop/db';
import type { Coupon } from '../../domain/pricing';
import { errors } from '../../http/errors';

/**
 * A user coupon's part in an order (docs/domain.md#coupons): locked while the order is unpaid,
 * used when it is paid, available again when the unpaid order closes, and returned on a full
 * refund while still valid. Each step is a guarded UPDATE inside the caller's transaction.
 */

export type HeldCoupon = { userCouponId: number; coupon: Coupon };

/** The member's coupons usable online right now (pricing chooses among them). */
export async function usableOnline(db: DbOrTx, memberId: number, now: Date): Promise<HeldCoupon[]> {
  const rows = await db
    .select({ id: userCoupons.id, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(
      and(
        eq(userCoupons.memberId, memberId),
        eq(userCoupons.status, 'available'),
        lte(userCoupons.validFrom, now),
        gte(userCoupons.validTo, now),
        inArray(couponTemplates.channel, ['online', 'both']),
      ),
    );
  return rows.map(({ id, template: t }) => ({
    userCouponId: id,
    coupon: {
      id,
      name: t.name,
      kind: t.kind,
      amountOffFen: t.amountOffFen,
      percent: t.percent,
      maxDiscountFen: t.maxDiscountFen,
      thresholdFen: t.thresholdFen,
      scope: t.scope,
      scopeIds: t.scopeIds,
    },
  }));
}

/** The coupon is held by this order until it is paid (used) or closed (available again). */
export async function lockForOrder(tx: Tx, hold: { userCouponId: number; memberId: number; orderId: number }): Promise<void> {
  const [locked] = await tx
    .update(userCoupons)
    .set({ status: 'locked', lockedOrderId: hold.orderId })
    .where(and(eq(userCoupons.id, hold.userCouponId), eq(userCoupons.memberId, hold.memberId), eq(userCoupons.status, 'available')));
  if (locked.affectedRows !== 1) throw errors.rule('COUPON_UNAVAILABLE', '优惠券不可用或已被使用');
}

/** The unpaid order closed: its coupon is available again (only if this order still holds it). */
export async function releaseForOrder(tx: Tx, hold: { userCouponId: number; orderId: number }): Promise<void> {
  await tx
    .update(userCoupons)
    .set({ status: 'available', lockedOrderId: null })
    .where(and(eq(userCoupons.id, hold.userCouponId), eq(userCoupons.lockedOrderId, hold.orderId), eq(userCoupons.status, 'locked')));
}

/** The order was paid: the coupon it held is used by it. */
export async function useForOrder(tx: Tx, use: { userCouponId: number; orderId: number; at: Date; channel: 'online' | 'offline' }) {
  await tx
    .update(userCoupons)
    .set({ status: 'used', usedOrderId: use.orderId, usedChannel: use.channel, usedAt: use.at })
    .where(and(eq(userCoupons.id, use.userCouponId), eq(userCoupons.lockedOrderId, use.orderId)));
}

/** A full refund gives the coupon back while it is still valid; an expired one stays used. */
export async function returnForRefund(tx: Tx, use: { userCouponId: number; orderId: number; now: Date }): Promise<void> {
  await tx
    .update(userCoupons)
    .set({ status: 'available', usedOrderId: null, usedChannel: null, usedAt: null, lockedOrderId: null })
    .where(
      and(
        eq(userCoupons.id, use.userCouponId),
        eq(userCoupons.status, 'used'),
        eq(userCoupons.usedOrderId, use.orderId),
        sql`${userCoupons.validTo} > ${use.now}`,
      ),
    );
}
