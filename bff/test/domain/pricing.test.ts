import {
  priceOrder,
  type Coupon,
  type PricedLine,
  type PricingInput,
  type PricingLine,
  type PricingResult,
  type ThresholdPromotion,
} from '../../src/domain/pricing';

// Category tree: 1 食品 › 11 零食 › 111 坚果 / 112 糖果; 2 日用 › 21 纸品.
const NUTS = [111, 11, 1];
const CANDY = [112, 11, 1];
const PAPER = [21, 2];

let skuSeq = 0;
function line(key: string, unitPriceFen: number, qty = 1, extra: Partial<PricingLine> = {}): PricingLine {
  skuSeq += 1;
  return { key, skuId: skuSeq, productId: 1, categoryIds: NUTS, unitPriceFen, qty, ...extra };
}
/** Product 1 is nuts, product 2 paper, product 3 candy. */
const nuts = (key: string, unit: number, qty = 1, extra: Partial<PricingLine> = {}) =>
  line(key, unit, qty, { productId: 1, categoryIds: NUTS, ...extra });
const paper = (key: string, unit: number, qty = 1, extra: Partial<PricingLine> = {}) =>
  line(key, unit, qty, { productId: 2, categoryIds: PAPER, ...extra });
const candy = (key: string, unit: number, qty = 1, extra: Partial<PricingLine> = {}) =>
  line(key, unit, qty, { productId: 3, categoryIds: CANDY, ...extra });

function promo(
  id: number,
  tiers: [number, number][],
  scope: ThresholdPromotion['scope'] = 'all',
  scopeIds: number[] = [],
): ThresholdPromotion {
  return { id, name: `promo ${id}`, tiers: tiers.map(([thresholdFen, offFen]) => ({ thresholdFen, offFen })), scope, scopeIds };
}
const P199_20 = promo(1, [[19_900, 2_000]]);

function coupon(fields: Partial<Coupon>): Coupon {
  return {
    id: 7,
    name: 'coupon',
    kind: 'threshold',
    thresholdFen: 0,
    amountOffFen: null,
    percent: null,
    maxDiscountFen: null,
    scope: 'all',
    scopeIds: [],
    ...fields,
  };
}
const C199_30 = coupon({ kind: 'threshold', thresholdFen: 19_900, amountOffFen: 3_000 });
const noThreshold = (amountOffFen: number, fields: Partial<Coupon> = {}) => coupon({ kind: 'no_threshold', amountOffFen, ...fields });
const percentOff = (percent: number, fields: Partial<Coupon> = {}) => coupon({ kind: 'percent', percent, ...fields });

function order(lines: PricingLine[], fields: Partial<PricingInput> = {}): PricingInput {
  return { lines, memberDiscountPercent: null, promotions: [], coupon: null, ...fields };
}

type LineExpectation = Partial<Pick<PricedLine, 'baseFen' | 'memberDiscountFen' | 'promotionShareFen' | 'couponShareFen' | 'payableFen'>>;
type Expectation = Partial<Omit<PricingResult, 'lines'>> & { lines?: LineExpectation[] };

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** What must hold for any input, whatever the rules chose. */
function assertInvariants(input: PricingInput, result: PricingResult): void {
  const { lines } = result;
  const baseTotal = sum(lines.map((l) => l.baseFen));
  expect(lines.map((l) => l.key)).toEqual(input.lines.map((l) => l.key));
  expect(sum(lines.map((l) => l.payableFen))).toBe(result.payableFen);
  expect(result.payableFen).toBe(baseTotal - result.memberDiscountFen - result.promotionDiscountFen - result.couponDiscountFen);
  expect(sum(lines.map((l) => l.memberDiscountFen))).toBe(result.memberDiscountFen);
  expect(sum(lines.map((l) => l.promotionShareFen))).toBe(result.promotionDiscountFen);
  expect(sum(lines.map((l) => l.couponShareFen))).toBe(result.couponDiscountFen);
  expect(result.itemsTotalFen - result.activitySavingFen).toBe(baseTotal);
  for (const [i, l] of lines.entries()) {
    const source = input.lines[i];
    for (const value of [l.baseFen, l.memberDiscountFen, l.promotionShareFen, l.couponShareFen, l.payableFen]) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
    }
    expect(l.memberDiscountFen + l.promotionShareFen + l.couponShareFen).toBeLessThanOrEqual(l.baseFen);
    expect(l.payableFen).toBe(l.baseFen - l.memberDiscountFen - l.promotionShareFen - l.couponShareFen);
    expect(l.baseFen).toBe((source.activityPriceFen ?? source.unitPriceFen) * source.qty);
    if (source.activityPriceFen != null) {
      expect(l.memberDiscountFen).toBe(0);
      if (!input.activityLinesTakeDiscounts) {
        expect(l.promotionShareFen).toBe(0);
        expect(l.couponShareFen).toBe(0);
      }
    }
  }
  // WeChat Pay minimum: discounts never take a payable order below 1 fen. Only an order whose
  // goods are all free (Σ base = 0, or no lines) has nothing to charge.
  if (baseTotal > 0) expect(result.payableFen).toBeGreaterThanOrEqual(1);
  else expect(result.payableFen).toBe(0);
  if (result.promotionDiscountFen > 0) expect(result.promotionId).not.toBeNull();
  if (result.couponDiscountFen > 0) expect(result.couponId).toBe(input.coupon?.id);
  if (result.couponRejection) expect(result.couponId).toBeNull();
  if (!input.coupon) expect([result.couponId, result.couponRejection]).toEqual([null, null]);
  const adjusted = (kind: string) => sum(result.adjustments.filter((a) => a.kind === kind).map((a) => a.amountFen));
  expect(adjusted('member')).toBe(result.memberDiscountFen);
  expect(adjusted('promotion')).toBe(result.promotionDiscountFen);
  expect(adjusted('coupon')).toBe(result.couponDiscountFen);
  expect(adjusted('activity')).toBe(Math.max(0, result.activitySavingFen));
  for (const adjustment of result.adjustments) expect(adjustment.amountFen).toBeGreaterThan(0);
}

const rows: [string, PricingInput, Expectation][] = [
  // Step 1: base price.
  [
    'list price, one unit',
    order([nuts('a', 10_000)]),
    { itemsTotalFen: 10_000, payableFen: 10_000, adjustments: [], promotionId: null, couponId: null, couponRejection: null },
  ],
  [
    'qty multiplies the unit price',
    order([nuts('a', 10_000, 3)]),
    { lines: [{ baseFen: 30_000, payableFen: 30_000 }], payableFen: 30_000 },
  ],
  ['no lines: nothing to pay', order([]), { lines: [], itemsTotalFen: 0, payableFen: 0, adjustments: [] }],
  [
    'activity price replaces the SKU price',
    order([nuts('a', 10_000, 2, { activityPriceFen: 8_000 })]),
    {
      lines: [{ baseFen: 16_000 }],
      itemsTotalFen: 20_000,
      activitySavingFen: 4_000,
      payableFen: 16_000,
      adjustments: [{ kind: 'activity', label: '活动价优惠', amountFen: 4_000 }],
    },
  ],
  [
    'activity price above a since-lowered SKU price is charged, not shown as a saving',
    order([nuts('a', 1_000, 1, { activityPriceFen: 1_200 })]),
    { activitySavingFen: -200, payableFen: 1_200, adjustments: [] },
  ],

  // Step 2: member discount.
  [
    'member 9折',
    order([nuts('a', 10_000)], { memberDiscountPercent: 90 }),
    { memberDiscountFen: 1_000, payableFen: 9_000, adjustments: [{ kind: 'member', label: '会员9折', amountFen: 1_000 }] },
  ],
  [
    'member 8.5折 rounds the amount down (customer pays 849, not 849.15)',
    order([nuts('a', 999)], { memberDiscountPercent: 85 }),
    { memberDiscountFen: 150, payableFen: 849, adjustments: [{ kind: 'member', label: '会员8.5折', amountFen: 150 }] },
  ],
  [
    'member discount is rounded per line',
    order([nuts('a', 333), paper('b', 333)], { memberDiscountPercent: 90 }),
    {
      lines: [
        { memberDiscountFen: 34, payableFen: 299 },
        { memberDiscountFen: 34, payableFen: 299 },
      ],
      memberDiscountFen: 68,
      payableFen: 598,
    },
  ],
  [
    'member 100 is no discount',
    order([nuts('a', 10_000)], { memberDiscountPercent: 100 }),
    { memberDiscountFen: 0, payableFen: 10_000, adjustments: [] },
  ],
  [
    'member 8.8折 label',
    order([nuts('a', 10_000)], { memberDiscountPercent: 88 }),
    { memberDiscountFen: 1_200, adjustments: [{ kind: 'member', label: '会员8.8折', amountFen: 1_200 }] },
  ],
  [
    'activity line takes no member discount',
    order([nuts('a', 10_000, 1, { activityPriceFen: 8_000 })], { memberDiscountPercent: 90 }),
    { memberDiscountFen: 0, payableFen: 8_000 },
  ],
  [
    'activity line next to a regular line: member discount only on the regular one',
    order([nuts('a', 10_000, 1, { activityPriceFen: 8_000 }), paper('b', 5_000)], { memberDiscountPercent: 90 }),
    {
      lines: [
        { memberDiscountFen: 0, payableFen: 8_000 },
        { memberDiscountFen: 500, payableFen: 4_500 },
      ],
      itemsTotalFen: 15_000,
      activitySavingFen: 2_000,
      payableFen: 12_500,
    },
  ],
  [
    'activity line takes no member discount even with the stacking flag',
    order([nuts('a', 10_000, 1, { activityPriceFen: 8_000 })], { memberDiscountPercent: 90, activityLinesTakeDiscounts: true }),
    { memberDiscountFen: 0 },
  ],

  // Step 3: threshold promotions.
  [
    'promotion exactly at its threshold',
    order([nuts('a', 19_900)], { promotions: [P199_20] }),
    {
      promotionId: 1,
      promotionDiscountFen: 2_000,
      payableFen: 17_900,
      adjustments: [{ kind: 'promotion', id: 1, label: '满199减20', amountFen: 2_000 }],
    },
  ],
  [
    'promotion 1 fen below its threshold',
    order([nuts('a', 19_899)], { promotions: [P199_20] }),
    { promotionId: null, promotionDiscountFen: 0, payableFen: 19_899, adjustments: [] },
  ],
  ['promotion 1 fen above its threshold', order([nuts('a', 19_901)], { promotions: [P199_20] }), { promotionId: 1, payableFen: 17_901 }],
  [
    'promotion threshold is checked after the member discount',
    order([nuts('a', 10_000, 2)], { memberDiscountPercent: 90, promotions: [P199_20] }),
    { memberDiscountFen: 2_000, promotionId: null, payableFen: 18_000 },
  ],
  [
    'multi-tier: the highest tier reached (tiers given unsorted)',
    order([nuts('a', 25_000)], {
      promotions: [
        promo(4, [
          [20_000, 3_000],
          [10_000, 1_000],
          [30_000, 5_000],
        ]),
      ],
    }),
    { promotionDiscountFen: 3_000, payableFen: 22_000 },
  ],
  [
    'multi-tier: exactly the top tier',
    order([nuts('a', 30_000)], {
      promotions: [
        promo(4, [
          [20_000, 3_000],
          [10_000, 1_000],
          [30_000, 5_000],
        ]),
      ],
    }),
    { promotionDiscountFen: 5_000 },
  ],
  [
    'multi-tier: below the lowest tier',
    order([nuts('a', 9_999)], {
      promotions: [
        promo(4, [
          [20_000, 3_000],
          [10_000, 1_000],
        ]),
      ],
    }),
    { promotionId: null, promotionDiscountFen: 0 },
  ],
  [
    'promotion scope by ancestor category, only matching lines count and share',
    order([nuts('a', 15_000), paper('b', 5_000, 2)], { promotions: [promo(2, [[15_000, 1_500]], 'categories', [1])] }),
    {
      promotionId: 2,
      lines: [
        { promotionShareFen: 1_500, payableFen: 13_500 },
        { promotionShareFen: 0, payableFen: 10_000 },
      ],
      payableFen: 23_500,
    },
  ],
  [
    'promotion scope category not reached by its own lines',
    order([nuts('a', 15_000), paper('b', 5_000, 2)], { promotions: [promo(2, [[15_000, 1_500]], 'categories', [2])] }),
    { promotionId: null, payableFen: 25_000 },
  ],
  [
    'promotion scope by product',
    order([nuts('a', 10_000), paper('b', 10_000)], { promotions: [promo(3, [[10_000, 1_000]], 'products', [2])] }),
    { lines: [{ promotionShareFen: 0 }, { promotionShareFen: 1_000 }], payableFen: 19_000 },
  ],
  [
    'promotion discount never exceeds its eligible subtotal',
    order([nuts('a', 10_000), paper('b', 3_000)], { promotions: [promo(3, [[0, 5_000]], 'products', [2])] }),
    { promotionDiscountFen: 3_000, lines: [{ payableFen: 10_000 }, { payableFen: 0 }], payableFen: 10_000 },
  ],
  [
    'two qualifying promotions: the larger discount wins',
    order([nuts('a', 12_000)], { promotions: [promo(1, [[10_000, 1_000]]), promo(2, [[5_000, 1_500]])] }),
    { promotionId: 2, promotionDiscountFen: 1_500, adjustments: [{ kind: 'promotion', id: 2, label: '满50减15', amountFen: 1_500 }] },
  ],
  [
    'two promotions with equal discounts: the lowest id wins',
    order([nuts('a', 12_000)], { promotions: [promo(5, [[10_000, 1_000]]), promo(3, [[5_000, 1_000]])] }),
    { promotionId: 3, promotionDiscountFen: 1_000 },
  ],
  [
    'a narrower promotion can beat a store-wide one',
    order([nuts('a', 10_000), paper('b', 5_000, 2)], {
      promotions: [promo(1, [[20_000, 1_000]]), promo(2, [[10_000, 1_200]], 'categories', [2])],
    }),
    { promotionId: 2, lines: [{ promotionShareFen: 0 }, { promotionShareFen: 1_200 }] },
  ],
  [
    'a tier giving nothing does not count as a promotion',
    order([nuts('a', 10_000)], { promotions: [promo(1, [[0, 0]])] }),
    { promotionId: null, adjustments: [] },
  ],
  [
    'promotion label in yuan with decimals',
    order([nuts('a', 9_990)], { promotions: [promo(1, [[9_990, 1_050]])] }),
    { adjustments: [{ kind: 'promotion', id: 1, label: '满99.9减10.5', amountFen: 1_050 }] },
  ],
  [
    'activity line is not eligible for a promotion',
    order([nuts('a', 25_000, 1, { activityPriceFen: 19_900 })], { promotions: [P199_20] }),
    { promotionId: null, payableFen: 19_900 },
  ],
  [
    'activity line takes a promotion with the stacking flag',
    order([nuts('a', 25_000, 1, { activityPriceFen: 19_900 })], { promotions: [P199_20], activityLinesTakeDiscounts: true }),
    { promotionId: 1, payableFen: 17_900 },
  ],

  // Step 4: coupons.
  ['no coupon', order([nuts('a', 10_000)], { coupon: null }), { couponId: null, couponRejection: null, couponDiscountFen: 0 }],
  [
    'coupon exactly at its threshold',
    order([nuts('a', 19_900)], { coupon: C199_30 }),
    {
      couponId: 7,
      couponDiscountFen: 3_000,
      payableFen: 16_900,
      adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：满199减30', amountFen: 3_000 }],
    },
  ],
  [
    'coupon 1 fen below its threshold',
    order([nuts('a', 19_899)], { coupon: C199_30 }),
    { couponId: null, couponRejection: 'BELOW_THRESHOLD', couponDiscountFen: 0, payableFen: 19_899 },
  ],
  [
    'coupon threshold is checked after the promotion (¥200 − 20 < 199)',
    order([nuts('a', 20_000)], { promotions: [P199_20], coupon: C199_30 }),
    { promotionDiscountFen: 2_000, couponId: null, couponRejection: 'BELOW_THRESHOLD', payableFen: 18_000 },
  ],
  [
    'coupon still reached after the promotion',
    order([nuts('a', 22_000)], { promotions: [P199_20], coupon: C199_30 }),
    { promotionDiscountFen: 2_000, couponDiscountFen: 3_000, payableFen: 17_000 },
  ],
  [
    'coupon whose scope has no lines',
    order([nuts('a', 30_000)], { coupon: coupon({ amountOffFen: 1_000, scope: 'products', scopeIds: [99] }) }),
    { couponId: null, couponRejection: 'NO_ELIGIBLE_ITEMS', payableFen: 30_000 },
  ],
  [
    'coupon scope by ancestor category, split largest-remainder over the lines in scope',
    order([nuts('a', 10_000), candy('c', 3_333), paper('b', 5_000)], {
      coupon: coupon({ thresholdFen: 10_000, amountOffFen: 1_000, scope: 'categories', scopeIds: [11] }),
    }),
    { couponId: 7, lines: [{ couponShareFen: 750 }, { couponShareFen: 250 }, { couponShareFen: 0 }], payableFen: 17_333 },
  ],
  [
    'coupon scope by product',
    order([nuts('a', 10_000), paper('b', 5_000)], { coupon: noThreshold(800, { scope: 'products', scopeIds: [2] }) }),
    { lines: [{ couponShareFen: 0 }, { couponShareFen: 800 }], payableFen: 14_200 },
  ],
  [
    'coupon scoped to an activity line only has no eligible items',
    order([nuts('a', 10_000, 1, { activityPriceFen: 8_000 })], { coupon: noThreshold(500) }),
    { couponRejection: 'NO_ELIGIBLE_ITEMS', payableFen: 8_000 },
  ],
  [
    'activity line does not count towards the coupon threshold',
    order([nuts('a', 25_000, 1, { activityPriceFen: 15_000 }), paper('b', 5_000)], { coupon: C199_30 }),
    { couponRejection: 'BELOW_THRESHOLD', payableFen: 20_000 },
  ],
  [
    'coupon goes to the regular lines next to an activity line',
    order([nuts('a', 10_000, 1, { activityPriceFen: 8_000 }), paper('b', 5_000, 4)], { coupon: C199_30 }),
    {
      lines: [
        { couponShareFen: 0, payableFen: 8_000 },
        { couponShareFen: 3_000, payableFen: 17_000 },
      ],
      payableFen: 25_000,
    },
  ],
  [
    'activity line counts for the coupon with the stacking flag',
    order([nuts('a', 25_000, 1, { activityPriceFen: 15_000 }), paper('b', 5_000)], { coupon: C199_30, activityLinesTakeDiscounts: true }),
    { couponId: 7, lines: [{ couponShareFen: 2_250 }, { couponShareFen: 750 }], payableFen: 17_000 },
  ],
  [
    'percent coupon 8.8折',
    order([nuts('a', 10_000)], { coupon: percentOff(88) }),
    { couponDiscountFen: 1_200, payableFen: 8_800, adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：8.8折', amountFen: 1_200 }] },
  ],
  [
    'percent coupon rounds the discount up (customer pays 879, not 879.12)',
    order([nuts('a', 999)], { coupon: percentOff(88) }),
    { couponDiscountFen: 120, payableFen: 879 },
  ],
  [
    'percent coupon capped',
    order([nuts('a', 100_000)], { coupon: percentOff(80, { maxDiscountFen: 5_000 }) }),
    {
      couponDiscountFen: 5_000,
      payableFen: 95_000,
      adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：8折，最高减50', amountFen: 5_000 }],
    },
  ],
  [
    'percent coupon under its cap',
    order([nuts('a', 10_000)], { coupon: percentOff(80, { maxDiscountFen: 5_000 }) }),
    { couponDiscountFen: 2_000 },
  ],
  [
    'percent coupon with a threshold, 1 fen below',
    order([nuts('a', 9_999)], { coupon: percentOff(90, { thresholdFen: 10_000 }) }),
    { couponRejection: 'BELOW_THRESHOLD' },
  ],
  [
    'percent coupon with a threshold, at it',
    order([nuts('a', 10_000)], { coupon: percentOff(90, { thresholdFen: 10_000 }) }),
    { couponDiscountFen: 1_000, adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：满100打9折', amountFen: 1_000 }] },
  ],
  [
    'percent coupon on the subtotal after member and promotion',
    order([nuts('a', 25_000)], { memberDiscountPercent: 90, promotions: [P199_20], coupon: percentOff(95) }),
    { memberDiscountFen: 2_500, promotionDiscountFen: 2_000, couponDiscountFen: 1_025, payableFen: 19_475 },
  ],
  [
    'no-threshold coupon',
    order([nuts('a', 5_000)], { coupon: noThreshold(1_000) }),
    {
      couponDiscountFen: 1_000,
      payableFen: 4_000,
      adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：无门槛减10', amountFen: 1_000 }],
    },
  ],

  // Combination: every step at once.
  [
    'member + promotion + coupon, each split in proportion',
    order([nuts('a', 10_000, 2), paper('b', 5_000)], { memberDiscountPercent: 90, promotions: [P199_20], coupon: C199_30 }),
    {
      lines: [
        { baseFen: 20_000, memberDiscountFen: 2_000, promotionShareFen: 1_600, couponShareFen: 2_400, payableFen: 14_000 },
        { baseFen: 5_000, memberDiscountFen: 500, promotionShareFen: 400, couponShareFen: 600, payableFen: 3_500 },
      ],
      payableFen: 17_500,
      promotionId: 1,
      couponId: 7,
      adjustments: [
        { kind: 'member', label: '会员9折', amountFen: 2_500 },
        { kind: 'promotion', id: 1, label: '满199减20', amountFen: 2_000 },
        { kind: 'coupon', id: 7, label: '优惠券：满199减30', amountFen: 3_000 },
      ],
    },
  ],
  [
    'activity + member + promotion + coupon adjustments in order',
    order([nuts('a', 10_000, 1, { activityPriceFen: 9_000 }), paper('b', 12_000, 2)], {
      memberDiscountPercent: 90,
      promotions: [P199_20],
      coupon: noThreshold(500),
    }),
    {
      payableFen: 9_000 + 21_600 - 2_000 - 500,
      adjustments: [
        { kind: 'activity', label: '活动价优惠', amountFen: 1_000 },
        { kind: 'member', label: '会员9折', amountFen: 2_400 },
        { kind: 'promotion', id: 1, label: '满199减20', amountFen: 2_000 },
        { kind: 'coupon', id: 7, label: '优惠券：无门槛减5', amountFen: 500 },
      ],
    },
  ],

  // Step 5: allocation with awkward numbers.
  [
    'three equal lines: the extra fen goes to the first',
    order([nuts('a', 1_000), paper('b', 1_000), candy('c', 1_000)], { promotions: [promo(1, [[0, 100]])] }),
    { lines: [{ promotionShareFen: 34 }, { promotionShareFen: 33 }, { promotionShareFen: 33 }], payableFen: 2_900 },
  ],
  [
    '3333/3333/3334: the extra fen goes to the largest remainder',
    order([nuts('a', 3_333), paper('b', 3_333), candy('c', 3_334)], { promotions: [promo(1, [[10_000, 1_000]])] }),
    { lines: [{ promotionShareFen: 333 }, { promotionShareFen: 333 }, { promotionShareFen: 334 }] },
  ],
  [
    'a 1-fen line next to a big one gets no share',
    order([nuts('a', 1), paper('b', 9_999)], { coupon: noThreshold(100) }),
    {
      lines: [
        { couponShareFen: 0, payableFen: 1 },
        { couponShareFen: 100, payableFen: 9_899 },
      ],
    },
  ],
  [
    'a free gift line takes no share',
    order([nuts('gift', 0), paper('b', 10_000)], { coupon: noThreshold(1_000) }),
    {
      lines: [
        { couponShareFen: 0, payableFen: 0 },
        { couponShareFen: 1_000, payableFen: 9_000 },
      ],
    },
  ],

  // Step 6: payable floor.
  [
    '¥10 no-threshold coupon on a ¥5 order leaves 1 fen to pay',
    order([nuts('a', 500)], { coupon: noThreshold(1_000) }),
    {
      couponId: 7,
      couponDiscountFen: 499,
      payableFen: 1,
      adjustments: [{ kind: 'coupon', id: 7, label: '优惠券：无门槛减10', amountFen: 499 }],
    },
  ],
  [
    'floor: the reduced coupon is re-split over the lines',
    order([nuts('a', 300), paper('b', 200)], { coupon: noThreshold(1_000) }),
    {
      couponDiscountFen: 499,
      lines: [
        { couponShareFen: 299, payableFen: 1 },
        { couponShareFen: 200, payableFen: 0 },
      ],
      payableFen: 1,
    },
  ],
  [
    'floor: the promotion gives back the fen when there is no coupon discount',
    order([nuts('a', 3_000)], { promotions: [promo(1, [[0, 5_000]])], coupon: noThreshold(500) }),
    { promotionDiscountFen: 2_999, couponDiscountFen: 0, couponId: 7, payableFen: 1 },
  ],
  [
    'floor: a 1-fen item at 9折 still costs 1 fen',
    order([nuts('a', 1)], { memberDiscountPercent: 90 }),
    { memberDiscountFen: 0, payableFen: 1, adjustments: [] },
  ],
  [
    'floor: coupon gives back before the promotion',
    order([nuts('a', 2_000)], { promotions: [promo(1, [[0, 1_500]])], coupon: noThreshold(1_000) }),
    { promotionDiscountFen: 1_500, couponDiscountFen: 499, payableFen: 1 },
  ],
  [
    'an order of free goods only has nothing to pay',
    order([nuts('gift', 0, 2)], { memberDiscountPercent: 90, coupon: noThreshold(100) }),
    { payableFen: 0, couponDiscountFen: 0, adjustments: [] },
  ],
];

describe('priceOrder', () => {
  it('has at least 40 table rows', () => expect(rows.length).toBeGreaterThanOrEqual(40));

  it.each(rows)('%s', (_name, input, expected) => {
    const result = priceOrder(input);
    expect(result).toMatchObject(expected);
    assertInvariants(input, result);
  });

  it('does not mutate its input', () => {
    const input = order([nuts('a', 10_000, 2), paper('b', 5_000)], { memberDiscountPercent: 90, promotions: [P199_20], coupon: C199_30 });
    const copy = structuredClone(input);
    priceOrder(input);
    expect(input).toEqual(copy);
  });
});

describe('priceOrder rejects programmer errors', () => {
  it.each([
    ['qty 0', order([nuts('a', 100, 0)])],
    ['fractional qty', order([nuts('a', 100, 1.5)])],
    ['negative price', order([nuts('a', -1)])],
    ['fractional price', order([nuts('a', 99.5)])],
    ['negative activity price', order([nuts('a', 100, 1, { activityPriceFen: -1 })])],
    ['duplicate line keys', order([nuts('a', 100), paper('a', 100)])],
    ['member percent 0', order([nuts('a', 100)], { memberDiscountPercent: 0 })],
    ['member percent 101', order([nuts('a', 100)], { memberDiscountPercent: 101 })],
    ['fractional member percent', order([nuts('a', 100)], { memberDiscountPercent: 88.5 })],
    ['negative promotion off', order([nuts('a', 100)], { promotions: [promo(1, [[0, -1]])] })],
    ['percent coupon without a percent', order([nuts('a', 100)], { coupon: coupon({ kind: 'percent' }) })],
    ['percent coupon at 0', order([nuts('a', 100)], { coupon: percentOff(0) })],
    ['amount coupon without an amount', order([nuts('a', 100)], { coupon: coupon({ kind: 'threshold' }) })],
    ['negative coupon threshold', order([nuts('a', 100)], { coupon: noThreshold(100, { thresholdFen: -1 }) })],
    ['unknown coupon kind', order([nuts('a', 100)], { coupon: noThreshold(100, { kind: 'gift' as never }) })],
    ['unknown scope', order([nuts('a', 100)], { coupon: noThreshold(100, { scope: 'brands' as never }) })],
  ])('%s', (_name, input) => {
    expect(() => priceOrder(input)).toThrow(Error);
  });
});

describe('priceOrder invariants over generated orders (seeded)', () => {
  // Park–Miller LCG: exact in doubles, so every run sees the same orders.
  let seed = 20_240_611;
  const next = (max: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % (max + 1);
  };
  const pick = <T>(values: readonly T[]) => values[next(values.length - 1)];
  const price = () => pick([0, 1, 2, 99, 333, 999, 1_000, 5_000, 19_900, 20_000, next(30_000)]);
  const scope = (): Pick<ThresholdPromotion, 'scope' | 'scopeIds'> =>
    pick([
      { scope: 'all', scopeIds: [] },
      { scope: 'categories', scopeIds: [pick([1, 2, 11, 111, 112, 21, 99])] },
      { scope: 'products', scopeIds: [next(4)] },
    ] as const);

  function generate(): PricingInput {
    const lines = Array.from({ length: next(5) }, (_, i) => {
      const unit = price();
      const productId = next(4);
      return line(`l${i}`, unit, 1 + next(4), {
        productId,
        categoryIds: pick([NUTS, CANDY, PAPER]),
        activityPriceFen: next(3) === 0 ? next(unit) : pick([null, undefined]),
      });
    });
    // Ids may repeat across promotions, which exercises the lowest-id tie-break.
    const promotions = Array.from({ length: next(3) }, () => ({
      ...promo(
        1 + next(5),
        Array.from({ length: next(3) }, () => [price(), price()] as [number, number]),
      ),
      ...scope(),
    }));
    const coupons: (Coupon | null)[] = [
      null,
      coupon({ kind: 'threshold', thresholdFen: price(), amountOffFen: price(), ...scope() }),
      coupon({ kind: 'no_threshold', amountOffFen: price(), ...scope() }),
      coupon({
        kind: 'percent',
        percent: 1 + next(99),
        thresholdFen: pick([0, price()]),
        maxDiscountFen: pick([null, price()]),
        ...scope(),
      }),
    ];
    return {
      lines,
      memberDiscountPercent: pick([null, 100, 95, 90, 85, 80, 1]),
      promotions,
      coupon: pick(coupons),
      activityLinesTakeDiscounts: pick([undefined, false, true]),
    };
  }

  it('holds for 500 orders', () => {
    for (let run = 0; run < 500; run++) {
      const input = generate();
      const result = priceOrder(input);
      assertInvariants(input, result);
      // Pure: the same input prices the same way twice.
      expect(priceOrder(input)).toEqual(result);
    }
  });
});
