import type { AppDeps } from '../../deps';
import { priceOrder, type PricingResult } from '../../domain/pricing';
import { errors } from '../../http/errors';
import { sellableBySku } from '../catalog/queries';
import { activePromotions, applyLivePrices, loadLines, memberDiscountPercent, usableCoupons, type CatalogLine, type HeldCoupon } from './pricing-context';
import type { DbOrTx } from '@shop/db';

export type QuoteInput = {
  items: { skuId: number; qty: number }[];
  storeId: number;
  couponId?: number | null;
  activity?: { type: 'group' | 'flash' | 'live'; liveRoomId?: number };
};

export type Priced = {
  lines: CatalogLine[];
  pricing: PricingResult;
  coupon: HeldCoupon | null;
  coupons: { held: HeldCoupon; pricing: PricingResult }[];
  tierCode: string;
};

/**
 * Prices a would-be order from the database: SKU prices, the member's tier, running 满减 and the
 * member's coupons. Without an explicit choice the coupon that saves the most is taken.
 */
export async function priceFromDatabase(db: DbOrTx, memberId: number, input: QuoteInput, now: Date): Promise<Priced> {
  if (input.activity && input.activity.type !== 'live') {
    // Group buys and flash sales price through their own admission rules (group-buy issue).
    throw errors.rule('ACTIVITY_NOT_OPEN', '该活动暂未开放下单');
  }
  const lines = await loadLines(db, input.items);
  if (input.activity?.type === 'live' && input.activity.liveRoomId) await applyLivePrices(db, lines, input.activity.liveRoomId, now);
  const [{ percent, tierCode }, promotions, held] = await Promise.all([
    memberDiscountPercent(db, memberId),
    activePromotions(db, now),
    usableCoupons(db, memberId, now),
  ]);
  const price = (coupon: HeldCoupon | null) =>
    priceOrder({ lines, memberDiscountPercent: percent, promotions, coupon: coupon?.coupon ?? null });
  const coupons = held.map((h) => ({ held: h, pricing: price(h) }));

  let coupon: HeldCoupon | null = null;
  if (input.couponId) {
    coupon = held.find((h) => h.userCouponId === input.couponId) ?? null;
    if (!coupon) throw errors.rule('COUPON_UNAVAILABLE', '优惠券不可用或已被使用');
  } else if (input.couponId === undefined) {
    const best = coupons.filter((c) => c.pricing.couponId !== null).sort((a, b) => b.pricing.couponDiscountFen - a.pricing.couponDiscountFen)[0];
    coupon = best?.held ?? null;
  }
  return { lines, pricing: price(coupon), coupon, coupons, tierCode };
}

/** POST /api/checkout/quote: the breakdown the confirm page shows (re-priced again on create). */
export async function quote(deps: Pick<AppDeps, 'db' | 'now'>, memberId: number, input: QuoteInput) {
  const priced = await priceFromDatabase(deps.db, memberId, input, deps.now());
  const sellable = await sellableBySku(deps.db, priced.lines.map((l) => l.skuId), input.storeId);
  const { pricing } = priced;
  return {
    lines: priced.lines.map((line, i) => ({
      skuId: line.skuId,
      title: line.title,
      specText: line.specText,
      imageUrl: line.imageUrl,
      qty: line.qty,
      unitPriceFen: line.unitPriceFen,
      activityPriceFen: line.activityPriceFen ?? null,
      payableFen: pricing.lines[i].payableFen,
      sellable: sellable.get(line.skuId) ?? 0,
    })),
    itemsTotalFen: pricing.itemsTotalFen,
    memberDiscountFen: pricing.memberDiscountFen,
    promotionDiscountFen: pricing.promotionDiscountFen,
    couponDiscountFen: pricing.couponDiscountFen,
    payableFen: pricing.payableFen,
    adjustments: pricing.adjustments,
    coupon: priced.coupon
      ? { id: priced.coupon.userCouponId, name: priced.coupon.coupon.name, applied: pricing.couponId !== null, rejection: pricing.couponRejection }
      : null,
    availableCoupons: priced.coupons.map(({ held, pricing: p }) => ({
      id: held.userCouponId,
      name: held.coupon.name,
      discountFen: p.couponDiscountFen,
      usable: p.couponId !== null,
      reason: p.couponRejection,
    })),
    inStock: priced.lines.every((line) => (sellable.get(line.skuId) ?? 0) >= line.qty),
  };
}
