import type { DbOrTx } from '@shop/db';
import { priceOrder, type Coupon, type PricingResult } from '../../domain/pricing';
import { errors } from '../../http/errors';
import { activityPrices, type ActivityContext, type ActivityInput } from './activities';
import { activePromotions, loadLines, memberDiscountPercent, type CatalogLine } from './context';

/** A coupon the member holds, as the coupon module offers it (usableOnline); pricing only prices it. */
export type HeldCoupon = { userCouponId: number; validTo: Date; coupon: Coupon };

export type PriceInput = {
  items: { skuId: number; qty: number }[];
  couponId?: number | null;
  activity?: ActivityInput;
};

export type Priced = {
  lines: CatalogLine[];
  pricing: PricingResult;
  coupon: HeldCoupon | null;
  coupons: { held: HeldCoupon; pricing: PricingResult }[];
  tierCode: string;
  activity: ActivityContext | null;
};

/**
 * Prices a would-be online order from the database (docs/domain.md#pricing): SKU prices, an
 * activity's price, the member's tier, running 满减 and the member's coupons (which the caller
 * reads from the coupon module, so pricing depends on nobody's writes) — never from the
 * client. Without an explicit choice the coupon that saves the most is taken (on a tie, the one
 * ending soonest, then the oldest, so the answer never depends on row order). Used by the
 * checkout quote and again, inside the transaction, by order creation.
 */
export async function priceFromDatabase(
  db: DbOrTx,
  memberId: number,
  input: PriceInput & { held: HeldCoupon[] },
  now: Date,
): Promise<Priced> {
  const listed = await loadLines(db, input.items);
  const activity = await activityPrices(db, memberId, listed, input.activity, now);
  const lines = listed.map((line) => ({ ...line, activityPriceFen: activity.prices.get(line.skuId) ?? null }));
  const held = input.held;
  const [{ percent, tierCode }, promotions] = await Promise.all([memberDiscountPercent(db, memberId), activePromotions(db, now)]);
  const price = (coupon: HeldCoupon | null) =>
    priceOrder({ lines, memberDiscountPercent: percent, promotions, coupon: coupon?.coupon ?? null });
  const coupons = held.map((h) => ({ held: h, pricing: price(h) }));

  let coupon: HeldCoupon | null = null;
  if (input.couponId) {
    coupon = held.find((h) => h.userCouponId === input.couponId) ?? null;
    if (!coupon) throw errors.rule('COUPON_UNAVAILABLE', '优惠券不可用或已被使用');
  } else if (input.couponId === undefined) {
    const best = coupons
      .filter((c) => c.pricing.couponId !== null)
      .sort(
        (a, b) =>
          b.pricing.couponDiscountFen - a.pricing.couponDiscountFen ||
          a.held.validTo.getTime() - b.held.validTo.getTime() ||
          a.held.userCouponId - b.held.userCouponId,
      )[0];
    coupon = best?.held ?? null;
  }
  return { lines, pricing: price(coupon), coupon, coupons, tierCode, activity: activity.context };
}
