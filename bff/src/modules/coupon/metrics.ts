import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx } from '@shop/db';

/**
 * Coupon figures for operators (docs/domain.md#coupons), the hook the metrics pages read: for
 * the coupons issued in a period, per template and per source, how many were issued, used
 * (online or offline) and expired so far, and the redemption rate = used ÷ issued. A coupon past
 * its end that the sweep has not reached counts as expired already.
 */
export type CouponMetricsRow = {
  templateId: number;
  templateName: string;
  source: string;
  issued: number;
  used: number;
  usedOffline: number;
  expired: number;
  /** used ÷ issued, 0–1, 4 decimals; 0 when nothing was issued. */
  redemptionRate: number;
};

export async function couponMetrics(db: DbOrTx, period: { from: Date; to: Date }, now: Date): Promise<CouponMetricsRow[]> {
  const rows = await db
    .select({
      templateId: userCoupons.templateId,
      templateName: couponTemplates.name,
      source: userCoupons.source,
      issued: sql<number>`COUNT(*)`.mapWith(Number),
      used: sql<number>`SUM(${userCoupons.status} = 'used')`.mapWith(Number),
      usedOffline: sql<number>`SUM(${userCoupons.status} = 'used' AND ${userCoupons.usedChannel} = 'offline')`.mapWith(Number),
      expired:
        sql<number>`SUM(${userCoupons.status} = 'expired' OR (${userCoupons.status} = 'available' AND ${userCoupons.validTo} < ${now}))`.mapWith(
          Number,
        ),
    })
    .from(userCoupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
    .where(and(gte(userCoupons.createdAt, period.from), lt(userCoupons.createdAt, period.to)))
    .groupBy(userCoupons.templateId, couponTemplates.name, userCoupons.source)
    .orderBy(asc(userCoupons.templateId), asc(userCoupons.source));
  return rows.map((row) => ({ ...row, redemptionRate: row.issued === 0 ? 0 : Math.round((row.used / row.issued) * 10_000) / 10_000 }));
}
