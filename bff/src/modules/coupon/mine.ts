import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx } from '@shop/db';
import { couponFace, validityText } from '../../domain/coupon-face';
import type { CouponTemplate, UserCouponRow } from './queries';

/**
 * 我的优惠券: the tabs a customer knows. A coupon past its end that the expiry sweep has not
 * reached yet already counts as expired, so the tabs never depend on when the job last ran.
 */
export type MyCouponsTab = 'available' | 'used' | 'expired';

const EXPIRING_SOON_MS = 3 * 24 * 3600_000;

function tabWhere(tab: MyCouponsTab, now: Date): SQL {
  switch (tab) {
    case 'available':
      return and(inArray(userCoupons.status, ['available', 'locked']), gte(userCoupons.validTo, now))!;
    case 'used':
      return eq(userCoupons.status, 'used');
    case 'expired':
      return or(eq(userCoupons.status, 'expired'), and(eq(userCoupons.status, 'available'), lt(userCoupons.validTo, now)))!;
  }
}

const ORDER: Record<MyCouponsTab, SQL[]> = {
  available: [asc(userCoupons.validTo), asc(userCoupons.id)],
  used: [desc(userCoupons.usedAt), desc(userCoupons.id)],
  expired: [desc(userCoupons.validTo), desc(userCoupons.id)],
};

export async function listMyCoupons(db: DbOrTx, memberId: number, tab: MyCouponsTab, now: Date) {
  const rows = await db
    .select({ coupon: userCoupons, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(eq(userCoupons.memberId, memberId), tabWhere(tab, now)))
    .orderBy(...ORDER[tab])
    .limit(200);
  // One pass over the member's coupons counts all three tabs (same rules as tabWhere).
  const [counted] = await db
    .select({
      available: sql<number>`COALESCE(SUM(${tabWhere('available', now)}), 0)`.mapWith(Number),
      used: sql<number>`COALESCE(SUM(${tabWhere('used', now)}), 0)`.mapWith(Number),
      expired: sql<number>`COALESCE(SUM(${tabWhere('expired', now)}), 0)`.mapWith(Number),
    })
    .from(userCoupons)
    .where(eq(userCoupons.memberId, memberId));
  return {
    items: rows.map(({ coupon, template }) => toMyCoupon(coupon, template, now)),
    counts: counted ?? { available: 0, used: 0, expired: 0 },
  };
}

export async function findMyCoupon(db: DbOrTx, memberId: number, userCouponId: number, now: Date) {
  const [row] = await db
    .select({ coupon: userCoupons, template: couponTemplates })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(eq(userCoupons.id, userCouponId), eq(userCoupons.memberId, memberId)))
    .limit(1);
  return row ? toMyCoupon(row.coupon, row.template, now) : undefined;
}

export function toMyCoupon(coupon: UserCouponRow, template: CouponTemplate, now: Date) {
  const lapsed = coupon.status === 'available' && coupon.validTo < now;
  const status = lapsed ? 'expired' : coupon.status;
  const valid = coupon.validFrom <= now && coupon.validTo >= now;
  return {
    id: coupon.id,
    templateId: template.id,
    name: template.name,
    description: template.description,
    face: couponFace(template),
    status,
    source: coupon.source,
    validFrom: coupon.validFrom.toISOString(),
    validTo: coupon.validTo.toISOString(),
    validityText: validityText(coupon.validFrom, coupon.validTo),
    expiringSoon: status === 'available' && valid && coupon.validTo.getTime() - now.getTime() <= EXPIRING_SOON_MS,
    usableOffline: status === 'available' && valid && template.channel !== 'online',
    usedAt: coupon.usedAt?.toISOString() ?? null,
    usedChannel: coupon.usedChannel,
  };
}
