import type { AppDeps } from '../../deps';
import { priceOrder, type PricingResult } from '../../domain/pricing';
import { errors } from '../../http/errors';
import { sellableBySku } from '../catalog/queries';
import {
  activePromotions,
  applyLivePrices,
  loadLines,
  memberDiscountPercent,
  usableCoupons,
  type CatalogLine,
  type HeldCoupon,
} from './pricing-context';
import type { DbOrTx } from '@shop/db';
import { priceGroupLines, type GroupActivity } from '../groupbuy/admission';
import type { CampaignRow } from '../groupbuy/queries';
import { priceFlashLines, type FlashActivity } from '../flashsale/admission';
import type { flashSales } from '@shop/db';

export type QuoteInput = {
  items: { skuId: number; qty: number }[];
  storeId: number;
  couponId?: number | null;
  activity?: GroupActivity | FlashActivity | { type: 'live'; liveRoomId: number };
};

/** The campaign or sale an activity order runs under (order creation admits against it). */
export type ActivityContext =
  { type: 'group'; campaign: CampaignRow } | { type: 'flash'; sale: typeof flashSales.$inferSelect } | { type: 'live'; liveRoomId: number };

export type Priced = {
  lines: CatalogLine[];
  pricing: PricingResult;
  coupon: HeldCoupon | null;
  coupons: { held: HeldCoupon; pricing: PricingResult }[];
  tierCode: string;
  activity: ActivityContext | null;
};

/**
 * Prices a would-be order from the database: SKU prices, the member's tier, running 满减 and the
 * member's coupons. Without an explicit choice the coupon that saves the most is taken.
 */
export async function priceFromDatabase(db: DbOrTx, memberId: number, input: QuoteInput, now: Date): Promise<Priced> {
  const lines = await loadLines(db, input.items);
  const activity = await applyActivityPrices(db, memberId, lines, input.activity, now);
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
    const best = coupons
      .filter((c) => c.pricing.couponId !== null)
      .sort((a, b) => b.pricing.couponDiscountFen - a.pricing.couponDiscountFen)[0];
    coupon = best?.held ?? null;
  }
  return { lines, pricing: price(coupon), coupon, coupons, tierCode, activity };
}

/** Activity prices replace the list price on the lines (and exclude member discount, 满减, coupons). */
async function applyActivityPrices(
  db: DbOrTx,
  memberId: number,
  lines: CatalogLine[],
  activity: QuoteInput['activity'],
  now: Date,
): Promise<ActivityContext | null> {
  switch (activity?.type) {
    case 'group':
      return { type: 'group', campaign: await priceGroupLines(db, lines, activity, now) };
    case 'flash':
      return { type: 'flash', sale: await priceFlashLines(db, memberId, lines, activity, now) };
    case 'live':
      await applyLivePrices(db, lines, activity.liveRoomId, now);
      return { type: 'live', liveRoomId: activity.liveRoomId };
    default:
      return null;
  }
}

/** POST /api/checkout/quote: the breakdown the confirm page shows (re-priced again on create). */
export async function quote(deps: Pick<AppDeps, 'db' | 'now'>, memberId: number, input: QuoteInput) {
  const priced = await priceFromDatabase(deps.db, memberId, input, deps.now());
  const sellable = await sellableBySku(
    deps.db,
    priced.lines.map((l) => l.skuId),
    input.storeId,
  );
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
      ? {
          id: priced.coupon.userCouponId,
          name: priced.coupon.coupon.name,
          applied: pricing.couponId !== null,
          rejection: pricing.couponRejection,
        }
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
