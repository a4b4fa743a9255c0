import { yuan, type PricingLine, type Scope, type ThresholdPromotion } from './pricing';

/**
 * The 满减 nudge under a cart or product (docs/domain.md#pricing): how much more to add to reach
 * the next tier of a running promotion — "再买¥12.00可减¥20" — or, past the top tier, what is
 * already taken off — "已满199减20". Pure; list prices of the lines the promotion covers (member
 * price and coupons come later in checkout, so the hint never promises more than checkout gives
 * when the member discount is 0, and says 可减, not 已减, below a tier).
 */
export type PromotionNudge = { promotionId: number; text: string; missingFen: number; offFen: number; reached: boolean };

export function promotionNudge(promotions: readonly ThresholdPromotion[], lines: readonly PricingLine[]): PromotionNudge | null {
  let best: PromotionNudge | null = null;
  for (const promotion of promotions) {
    const covered = lines.filter((line) => covers(promotion.scope, promotion.scopeIds, line));
    if (covered.length === 0) continue;
    const subtotal = covered.reduce((sum, line) => sum + (line.activityPriceFen ?? line.unitPriceFen) * line.qty, 0);
    const tiers = [...promotion.tiers].sort((a, b) => a.thresholdFen - b.thresholdFen);
    const next = tiers.find((tier) => tier.thresholdFen > subtotal);
    const reachedTier = [...tiers].reverse().find((tier) => tier.thresholdFen <= subtotal);
    const nudge: PromotionNudge = next
      ? {
          promotionId: promotion.id,
          text: `再买¥${((next.thresholdFen - subtotal) / 100).toFixed(2)}可减¥${yuan(next.offFen)}`,
          missingFen: next.thresholdFen - subtotal,
          offFen: next.offFen,
          reached: false,
        }
      : {
          promotionId: promotion.id,
          text: `已满${yuan(reachedTier!.thresholdFen)}减${yuan(reachedTier!.offFen)}`,
          missingFen: 0,
          offFen: reachedTier!.offFen,
          reached: true,
        };
    // The closest next tier is the most useful hint; a reached top tier only when nothing is in reach.
    if (!best || better(nudge, best)) best = nudge;
  }
  return best;
}

function better(a: PromotionNudge, b: PromotionNudge): boolean {
  if (a.reached !== b.reached) return !a.reached;
  if (!a.reached) return a.missingFen < b.missingFen || (a.missingFen === b.missingFen && a.offFen > b.offFen);
  return a.offFen > b.offFen;
}

function covers(scope: Scope, scopeIds: readonly number[], line: PricingLine): boolean {
  if (scope === 'all') return true;
  if (scope === 'categories') return line.categoryIds.some((id) => scopeIds.includes(id));
  return scopeIds.includes(line.productId);
}
