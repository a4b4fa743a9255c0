import type { PricingLine, ThresholdPromotion } from '../../src/domain/pricing';
import { promotionNudge } from '../../src/domain/promotion-nudge';

const line = (unitPriceFen: number, qty = 1, extra: Partial<PricingLine> = {}): PricingLine => ({
  key: `${unitPriceFen}-${qty}`,
  skuId: 1,
  productId: 10,
  categoryIds: [3, 1],
  unitPriceFen,
  qty,
  ...extra,
});
const fullReduction: ThresholdPromotion = {
  id: 1,
  name: '满199减20 满399减50',
  scope: 'all',
  scopeIds: [],
  tiers: [
    { thresholdFen: 19900, offFen: 2000 },
    { thresholdFen: 39900, offFen: 5000 },
  ],
};

describe('the 满减 nudge', () => {
  it.each([
    ['below the first tier', [line(18700)], { text: '再买¥12.00可减¥20', missingFen: 1200, reached: false }],
    ['exactly at a tier points at the next', [line(19900)], { text: '再买¥200.00可减¥50', missingFen: 20000, reached: false }],
    ['between tiers', [line(15000, 2)], { text: '再买¥99.00可减¥50', missingFen: 9900, reached: false }],
    ['past the top tier', [line(40000)], { text: '已满399减50', missingFen: 0, reached: true }],
    ['fen are shown to the fen', [line(19850)], { text: '再买¥0.50可减¥20', missingFen: 50, reached: false }],
  ])('%s', (_case, lines, expected) => {
    expect(promotionNudge([fullReduction], lines)).toMatchObject({ promotionId: 1, ...expected });
  });

  it('counts only the lines a promotion covers, at their activity price', () => {
    const dresses: ThresholdPromotion = { ...fullReduction, id: 2, scope: 'categories', scopeIds: [7] };
    expect(promotionNudge([dresses], [line(50000)])).toBeNull();
    expect(promotionNudge([dresses], [line(50000, 1, { categoryIds: [7], activityPriceFen: 10000 })])).toMatchObject({ missingFen: 9900 });
  });

  it('prefers the tier closest in reach over one already reached', () => {
    const small: ThresholdPromotion = { id: 3, name: '满50减5', scope: 'all', scopeIds: [], tiers: [{ thresholdFen: 5000, offFen: 500 }] };
    expect(promotionNudge([small, fullReduction], [line(18000)])).toMatchObject({ promotionId: 1, missingFen: 1900 });
  });

  it('has nothing to say without promotions or lines', () => {
    expect(promotionNudge([], [line(100)])).toBeNull();
    expect(promotionNudge([fullReduction], [])).toBeNull();
  });
});
