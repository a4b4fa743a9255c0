/**
 * The one pricing function (docs/domain.md#pricing). Pure and integer-only: the server prices every
 * quote and order with it from database rows, and the client never sends a price. Like Medusa it
 * returns adjustments for the caller to show and store; like Vendure it spreads every order-level
 * discount over the lines with largest remainder, so partial refunds add up to the order.
 *
 * Steps, in order: activity price → member tier discount → one threshold promotion (满减) →
 * at most one coupon → allocation to lines → payable floor of 1 fen.
 */
import { allocate } from './allocation';

export type Scope = 'all' | 'categories' | 'products';

export type PricingLine = {
  key: string;
  skuId: number;
  productId: number;
  /** The product's category and all its ancestors, so a scope on a parent category matches. */
  categoryIds: number[];
  /** SKU list price. */
  unitPriceFen: number;
  qty: number;
  /** Flash sale / group buy / live price when the line is bought in an activity. */
  activityPriceFen?: number | null;
};

export type PromotionTier = { thresholdFen: number; offFen: number };

export type ThresholdPromotion = {
  id: number;
  name: string;
  tiers: PromotionTier[];
  scope: Scope;
  scopeIds: number[];
};

export type Coupon = {
  id: number;
  name: string;
  kind: 'threshold' | 'percent' | 'no_threshold';
  amountOffFen?: number | null;
  /** Price multiplier in percent: 88 = 8.8折. */
  percent?: number | null;
  maxDiscountFen?: number | null;
  thresholdFen: number;
  scope: Scope;
  scopeIds: number[];
  /** Products the coupon never covers, even when their category is in scope. */
  excludedProductIds?: number[];
};

export type PricingInput = {
  lines: PricingLine[];
  /** 90 = 9折; null or 100 = no member discount. */
  memberDiscountPercent: number | null;
  promotions: ThresholdPromotion[];
  coupon: Coupon | null;
  /**
   * Default false: activity prices (秒杀/拼团/直播价) are already the deal, so those lines take
   * no 满减 and no coupon — a careful retailer's default, and what customers are used to.
   * They never take the member discount, whatever this says (docs/domain.md#pricing, step 2).
   */
  activityLinesTakeDiscounts?: boolean;
};

export type PricedLine = {
  key: string;
  qty: number;
  unitPriceFen: number;
  activityPriceFen: number | null;
  baseFen: number;
  memberDiscountFen: number;
  promotionShareFen: number;
  couponShareFen: number;
  payableFen: number;
};

export type CouponRejection = 'BELOW_THRESHOLD' | 'NO_ELIGIBLE_ITEMS';

export type Adjustment = {
  kind: 'activity' | 'member' | 'promotion' | 'coupon';
  id?: number;
  /** Chinese, shown to the customer: '会员9折', '满199减20', '优惠券：满199减30'. */
  label: string;
  amountFen: number;
};

export type PricingResult = {
  lines: PricedLine[];
  /** Σ unitPriceFen × qty: the list value before any deal. */
  itemsTotalFen: number;
  /** Σ (unit − activity) × qty over activity lines; itemsTotal − activitySaving = Σ base. */
  activitySavingFen: number;
  memberDiscountFen: number;
  promotionDiscountFen: number;
  couponDiscountFen: number;
  payableFen: number;
  promotionId: number | null;
  /** Set when the coupon passed its scope and threshold checks, i.e. it is used by this order. */
  couponId: number | null;
  couponRejection: CouponRejection | null;
  /** Non-zero discounts only, in the order they were applied. */
  adjustments: Adjustment[];
};

/** WeChat Pay refuses orders below 1 fen. */
const MIN_PAYABLE_FEN = 1;

type Line = PricingLine & { activity: number | null; baseFen: number };

export function priceOrder(input: PricingInput): PricingResult {
  validate(input);
  const lines: Line[] = input.lines.map((line) => {
    const activity = line.activityPriceFen ?? null;
    return { ...line, activity, baseFen: (activity ?? line.unitPriceFen) * line.qty };
  });
  const takesDiscounts = (line: Line) => line.activity === null || input.activityLinesTakeDiscounts === true;
  const eligibleFor = (scope: Scope, scopeIds: readonly number[]) =>
    lines.map((line) => takesDiscounts(line) && inScope(line, scope, scopeIds));

  // Step 2: member price on regular lines only; the customer pays the amount rounded down.
  const percent = input.memberDiscountPercent ?? 100;
  const memberDiscounts = lines.map((line) => (line.activity === null ? line.baseFen - Math.floor((line.baseFen * percent) / 100) : 0));
  const afterMember = () => lines.map((line, i) => line.baseFen - memberDiscounts[i]);

  // Step 3: the best single promotion on its own subtotal.
  const promotion = bestPromotion(input.promotions, afterMember(), eligibleFor);
  let promotionFen = promotion?.discountFen ?? 0;
  const promotionShares = () => spread(promotionFen, promotion?.eligible, afterMember());
  const afterPromotion = () => {
    const shares = promotionShares();
    return afterMember().map((amount, i) => amount - shares[i]);
  };

  // Step 4: one coupon, its threshold checked after the promotion is taken off.
  const couponOutcome = input.coupon ? applyCoupon(input.coupon, afterPromotion(), eligibleFor, input.lines) : null;
  const couponApplied = couponOutcome?.ok ? couponOutcome : null;
  let couponFen = couponApplied?.discountFen ?? 0;

  // Step 6: give back coupon, then promotion, then member discount until 1 fen is payable. A
  // free order (every base 0) stays at 0: there is no discount to give back, and refusing or
  // handling a 0-fen order is the caller's business. Payable never goes below 0, so this is at
  // most 1 fen in practice.
  const baseTotal = sum(lines.map((line) => line.baseFen));
  let deficit = Math.min(baseTotal, MIN_PAYABLE_FEN) - (baseTotal - sum(memberDiscounts) - promotionFen - couponFen);
  const giveBack = (available: number) => {
    const taken = Math.max(0, Math.min(deficit, available));
    deficit -= taken;
    return taken;
  };
  couponFen -= giveBack(couponFen);
  promotionFen -= giveBack(promotionFen);
  for (let i = 0; i < lines.length; i++) memberDiscounts[i] -= giveBack(memberDiscounts[i]);

  // Step 5, on the final amounts, so the shares always sum to the discounts actually given.
  const promotionFinal = promotionShares();
  const couponFinal = spread(couponFen, couponApplied?.eligible, afterPromotion());
  const priced: PricedLine[] = lines.map((line, i) => ({
    key: line.key,
    qty: line.qty,
    unitPriceFen: line.unitPriceFen,
    activityPriceFen: line.activity,
    baseFen: line.baseFen,
    memberDiscountFen: memberDiscounts[i],
    promotionShareFen: promotionFinal[i],
    couponShareFen: couponFinal[i],
    payableFen: line.baseFen - memberDiscounts[i] - promotionFinal[i] - couponFinal[i],
  }));

  const itemsTotalFen = sum(lines.map((line) => line.unitPriceFen * line.qty));
  const activitySavingFen = itemsTotalFen - baseTotal;
  const memberDiscountFen = sum(memberDiscounts);
  const adjustments: Adjustment[] = [];
  // A negative "saving" (activity price above a since-lowered SKU price) is not a discount to show.
  if (activitySavingFen > 0) adjustments.push({ kind: 'activity', label: '活动价优惠', amountFen: activitySavingFen });
  if (memberDiscountFen > 0) adjustments.push({ kind: 'member', label: `会员${zhe(percent)}折`, amountFen: memberDiscountFen });
  if (promotion && promotionFen > 0) {
    adjustments.push({ kind: 'promotion', id: promotion.id, label: tierLabel(promotion.tier), amountFen: promotionFen });
  }
  if (couponApplied && couponFen > 0) {
    adjustments.push({ kind: 'coupon', id: couponApplied.id, label: `优惠券：${couponLabel(couponApplied.coupon)}`, amountFen: couponFen });
  }

  return {
    lines: priced,
    itemsTotalFen,
    activitySavingFen,
    memberDiscountFen,
    promotionDiscountFen: promotionFen,
    couponDiscountFen: couponFen,
    payableFen: sum(priced.map((line) => line.payableFen)),
    // A 1-fen promotion the floor took back entirely no longer counts as applied.
    promotionId: promotion && promotionFen > 0 ? promotion.id : null,
    couponId: couponApplied?.id ?? null,
    couponRejection: couponOutcome && !couponOutcome.ok ? couponOutcome.rejection : null,
    adjustments,
  };
}

type EligibleFor = (scope: Scope, scopeIds: readonly number[]) => boolean[];

function inScope(line: PricingLine, scope: Scope, scopeIds: readonly number[]): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'categories':
      return line.categoryIds.some((id) => scopeIds.includes(id));
    case 'products':
      return scopeIds.includes(line.productId);
  }
}

/**
 * Promotions do not stack: each is priced at its highest tier reached, and the one giving the most
 * wins (lowest id on a tie, so the answer never depends on load order). One that gives nothing
 * does not count as applied.
 */
function bestPromotion(promotions: readonly ThresholdPromotion[], amounts: number[], eligibleFor: EligibleFor) {
  let best: { id: number; tier: PromotionTier; discountFen: number; eligible: boolean[] } | null = null;
  for (const promotion of promotions) {
    const eligible = eligibleFor(promotion.scope, promotion.scopeIds);
    if (!eligible.includes(true)) continue;
    const subtotal = sumWhere(amounts, eligible);
    const tier = promotion.tiers
      .filter((t) => t.thresholdFen <= subtotal)
      .sort((a, b) => b.thresholdFen - a.thresholdFen || b.offFen - a.offFen)[0];
    if (!tier) continue;
    const discountFen = Math.min(tier.offFen, subtotal);
    if (discountFen <= 0) continue;
    if (!best || discountFen > best.discountFen || (discountFen === best.discountFen && promotion.id < best.id)) {
      best = { id: promotion.id, tier, discountFen, eligible };
    }
  }
  return best;
}

type CouponOutcome =
  { ok: true; id: number; coupon: Coupon; discountFen: number; eligible: boolean[] } | { ok: false; rejection: CouponRejection };

/**
 * The coupon's own subtotal is what is left on its lines after the promotion, so a 满199减20
 * promotion can take a ¥200 cart below a 满199 coupon. A coupon that passes is used even when
 * the 1-fen floor later shrinks its discount.
 */
function applyCoupon(coupon: Coupon, amounts: number[], eligibleFor: EligibleFor, lines: readonly PricingLine[]): CouponOutcome {
  const excluded = coupon.excludedProductIds ?? [];
  const eligible = eligibleFor(coupon.scope, coupon.scopeIds).map((inside, i) => inside && !excluded.includes(lines[i].productId));
  if (!eligible.includes(true)) return { ok: false, rejection: 'NO_ELIGIBLE_ITEMS' };
  const subtotal = sumWhere(amounts, eligible);
  // Checked for every kind; a no-threshold coupon simply carries 0.
  if (subtotal < coupon.thresholdFen) return { ok: false, rejection: 'BELOW_THRESHOLD' };
  let discountFen: number;
  if (coupon.kind === 'percent') {
    // The customer pays the rounded-down amount, so the discount rounds up.
    discountFen = subtotal - Math.floor((subtotal * coupon.percent!) / 100);
    if (coupon.maxDiscountFen != null) discountFen = Math.min(discountFen, coupon.maxDiscountFen);
  } else {
    discountFen = coupon.amountOffFen!;
  }
  return { ok: true, id: coupon.id, coupon, discountFen: Math.min(discountFen, subtotal), eligible };
}

/** A discount spread over its eligible lines in proportion to their amounts; 0 elsewhere. */
function spread(discountFen: number, eligible: boolean[] | undefined, amounts: number[]): number[] {
  if (!eligible || discountFen === 0) return amounts.map(() => 0);
  const indexes = amounts.flatMap((_, i) => (eligible[i] ? [i] : []));
  const shares = allocate(
    discountFen,
    indexes.map((i) => amounts[i]),
  );
  const result = amounts.map(() => 0);
  indexes.forEach((lineIndex, k) => (result[lineIndex] = shares[k]));
  return result;
}

const sum = (values: readonly number[]) => values.reduce((acc, value) => acc + value, 0);
const sumWhere = (values: readonly number[], mask: readonly boolean[]) => sum(values.filter((_, i) => mask[i]));

/** 19900 → '199', 1990 → '19.9', 1905 → '19.05'. */
export function yuan(fen: number): string {
  const cents = fen % 100;
  if (cents === 0) return String(fen / 100);
  return `${Math.floor(fen / 100)}.${String(cents).padStart(2, '0')}`.replace(/0$/, '');
}

/** 90 → '9', 88 → '8.8', 5 → '0.5'. */
export function zhe(percent: number): string {
  return percent % 10 === 0 ? String(percent / 10) : `${Math.floor(percent / 10)}.${percent % 10}`;
}

function tierLabel(tier: PromotionTier): string {
  return `满${yuan(tier.thresholdFen)}减${yuan(tier.offFen)}`;
}

/** '满199减20', '满100打9折，最高减30', '无门槛减5': how a coupon reads on a ticket and in the app. */
export function couponLabel(coupon: Pick<Coupon, 'kind' | 'amountOffFen' | 'percent' | 'maxDiscountFen' | 'thresholdFen'>): string {
  const threshold = coupon.thresholdFen > 0 ? `满${yuan(coupon.thresholdFen)}` : '';
  if (coupon.kind === 'percent') {
    const cap = coupon.maxDiscountFen != null ? `，最高减${yuan(coupon.maxDiscountFen)}` : '';
    // '满100打9折', not '满1009折'.
    return `${threshold && `${threshold}打`}${zhe(coupon.percent!)}折${cap}`;
  }
  return `${threshold || '无门槛'}减${yuan(coupon.amountOffFen!)}`;
}

/**
 * Callers build the input from database rows and validated requests, so a bad value here is a
 * bug: fail loudly rather than price it.
 */
function validate(input: PricingInput): void {
  const fen = (value: unknown, what: string) => {
    if (!Number.isSafeInteger(value) || (value as number) < 0)
      throw new Error(`pricing: ${what} must be a non-negative integer (fen), got ${value}`);
  };
  const percent = (value: unknown, what: string) => {
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 100)
      throw new Error(`pricing: ${what} must be an integer 1–100, got ${value}`);
  };
  const ids = (values: unknown, what: string) => {
    if (!Array.isArray(values) || !values.every((id) => Number.isSafeInteger(id))) throw new Error(`pricing: ${what} must be integer ids`);
  };
  const scope = (value: unknown, what: string) => {
    if (value !== 'all' && value !== 'categories' && value !== 'products') throw new Error(`pricing: ${what} scope is invalid: ${value}`);
  };

  const keys = new Set<string>();
  let total = 0;
  for (const line of input.lines) {
    if (typeof line.key !== 'string' || line.key === '' || keys.has(line.key))
      throw new Error(`pricing: line keys must be unique non-empty strings, got ${line.key}`);
    keys.add(line.key);
    if (!Number.isSafeInteger(line.skuId) || !Number.isSafeInteger(line.productId))
      throw new Error(`pricing: line ${line.key} ids must be integers`);
    ids(line.categoryIds, `line ${line.key} categoryIds`);
    fen(line.unitPriceFen, `line ${line.key} unitPriceFen`);
    if (line.activityPriceFen != null) fen(line.activityPriceFen, `line ${line.key} activityPriceFen`);
    if (!Number.isSafeInteger(line.qty) || line.qty < 1)
      throw new Error(`pricing: line ${line.key} qty must be an integer ≥ 1, got ${line.qty}`);
    total += Math.max(line.unitPriceFen, line.activityPriceFen ?? 0) * line.qty;
  }
  // Amounts are multiplied by a percent and by each other in allocation; keep them exact.
  if (!Number.isSafeInteger(total * 100)) throw new Error('pricing: order total is too large');
  if (input.memberDiscountPercent !== null) percent(input.memberDiscountPercent, 'memberDiscountPercent');

  for (const promotion of input.promotions) {
    if (!Number.isSafeInteger(promotion.id)) throw new Error(`pricing: promotion id must be an integer, got ${promotion.id}`);
    scope(promotion.scope, `promotion ${promotion.id}`);
    ids(promotion.scopeIds, `promotion ${promotion.id} scopeIds`);
    for (const tier of promotion.tiers) {
      fen(tier.thresholdFen, `promotion ${promotion.id} thresholdFen`);
      fen(tier.offFen, `promotion ${promotion.id} offFen`);
    }
  }

  const coupon = input.coupon;
  if (coupon) {
    if (!Number.isSafeInteger(coupon.id)) throw new Error(`pricing: coupon id must be an integer, got ${coupon.id}`);
    scope(coupon.scope, `coupon ${coupon.id}`);
    ids(coupon.scopeIds, `coupon ${coupon.id} scopeIds`);
    fen(coupon.thresholdFen, `coupon ${coupon.id} thresholdFen`);
    if (coupon.kind === 'percent') {
      percent(coupon.percent, `coupon ${coupon.id} percent`);
      if (coupon.maxDiscountFen != null) fen(coupon.maxDiscountFen, `coupon ${coupon.id} maxDiscountFen`);
    } else if (coupon.kind === 'threshold' || coupon.kind === 'no_threshold') {
      fen(coupon.amountOffFen, `coupon ${coupon.id} amountOffFen`);
    } else {
      throw new Error(`pricing: coupon ${coupon.id} kind is invalid: ${coupon.kind}`);
    }
  }
}
