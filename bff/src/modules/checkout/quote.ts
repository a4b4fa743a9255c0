import type { AppDeps } from '../../deps';
import { couponLabel } from '../../domain/pricing';
import { sellableBySku } from '../catalog';
import { usableOnline } from '../coupon';
import { findMemberById } from '../member';
import { priceFromDatabase, type PriceInput } from '../pricing';
import { findStoreBrief, pickupChoices } from './pickup';

export type QuoteInput = PriceInput & { storeId: number };

/** POST /api/checkout/quote: the breakdown the confirm page shows (re-priced again on create). */
export async function quote(deps: Pick<AppDeps, 'db' | 'now'>, memberId: number, input: QuoteInput) {
  const now = deps.now();
  const priced = await priceFromDatabase(deps.db, memberId, { ...input, held: await usableOnline(deps.db, memberId, now) }, now);
  const sellable = await sellableBySku(
    deps.db,
    priced.lines.map((l) => l.skuId),
    input.storeId,
  );
  const { pricing } = priced;
  const [store, member] = await Promise.all([findStoreBrief(deps.db, input.storeId), findMemberById(deps.db, memberId)]);
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
    // The picker lists the usable ones first, most saved first (the default pick is the top one).
    availableCoupons: priced.coupons
      .map(({ held, pricing: p }) => ({
        id: held.userCouponId,
        name: held.coupon.name,
        label: couponLabel(held.coupon),
        validTo: held.validTo.toISOString(),
        discountFen: p.couponDiscountFen,
        usable: p.couponId !== null,
        reason: p.couponRejection,
      }))
      .sort((a, b) => Number(b.usable) - Number(a.usable) || b.discountFen - a.discountFen || a.validTo.localeCompare(b.validTo)),
    inStock: priced.lines.every((line) => (sellable.get(line.skuId) ?? 0) >= line.qty),
    pickup: pickupChoices(store, member, now),
  };
}
