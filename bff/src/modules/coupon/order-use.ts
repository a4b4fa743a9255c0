import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx, type Tx } from '@shop/db';
import type { Coupon } from '../../domain/pricing';
import { pricingCouponOf } from './redeem';
import { errors } from '../../http/errors';
import { applyTransition, tryTransition, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';

/**
 * A user coupon's part in an order (docs/domain.md#coupons): locked while the order is unpaid,
 * used when it is paid, available again when the unpaid order closes, and returned on a full
 * refund while still valid. Each step is a guarded UPDATE inside the caller's transaction.
 */

/** A coupon the member holds, priced by pricing; validTo breaks ties between equal discounts. */
export type HeldCoupon = { userCouponId: number; validTo: Date; coupon: Coupon };

/** The member's coupons usable online right now (pricing chooses among them). */
export async function usableOnline(db: DbOrTx, memberId: number, now: Date): Promise<HeldCoupon[]> {
  const rows = await db
    .select({ id: userCoupons.id, validTo: userCoupons.validTo, template: couponTemplates })
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
  return rows.map(({ id, validTo, template }) => ({ userCouponId: id, validTo, coupon: pricingCouponOf(id, template) }));
}

const SYSTEM: Actor = { type: 'system' };

/** The coupon is held by this order until it is paid (used) or closed (available again). */
export async function lockForOrder(tx: Tx, hold: { userCouponId: number; memberId: number; orderId: number; at: Date }): Promise<void> {
  await applyTransition(tx, lifecycles.userCoupon, { id: hold.userCouponId, status: 'available' }, 'lock', {
    actor: { type: 'member', id: hold.memberId },
    at: hold.at,
    set: { lockedOrderId: hold.orderId },
    where: eq(userCoupons.memberId, hold.memberId),
    conflict: () => errors.rule('COUPON_UNAVAILABLE', '优惠券不可用或已被使用'),
  });
}

/** The unpaid order closed: its coupon is available again (only if this order still holds it). */
export async function releaseForOrder(tx: Tx, hold: { userCouponId: number; orderId: number; at: Date; actor?: Actor }): Promise<void> {
  await tryTransition(tx, lifecycles.userCoupon, { id: hold.userCouponId, status: 'locked' }, 'release', {
    actor: hold.actor ?? SYSTEM,
    at: hold.at,
    set: { lockedOrderId: null },
    where: eq(userCoupons.lockedOrderId, hold.orderId),
  });
}

/** The order was paid: the coupon it held is used by it. */
export async function useForOrder(tx: Tx, use: { userCouponId: number; orderId: number; at: Date; channel: 'online' | 'offline' }) {
  await tryTransition(tx, lifecycles.userCoupon, { id: use.userCouponId, status: 'locked' }, 'use', {
    actor: { type: 'wechat' },
    at: use.at,
    set: { usedOrderId: use.orderId, usedChannel: use.channel, usedAt: use.at },
    where: eq(userCoupons.lockedOrderId, use.orderId),
  });
}

/** A full refund gives the coupon back while it is still valid; an expired one stays used. */
export async function returnForRefund(tx: Tx, use: { userCouponId: number; orderId: number; now: Date }): Promise<void> {
  await tryTransition(tx, lifecycles.userCoupon, { id: use.userCouponId, status: 'used' }, 'return', {
    actor: { type: 'wechat' },
    at: use.now,
    set: { usedOrderId: null, usedChannel: null, usedAt: null, lockedOrderId: null },
    where: and(eq(userCoupons.usedOrderId, use.orderId), sql`${userCoupons.validTo} > ${use.now}`),
  });
}
