import type { AvailableCoupon } from '../src/services/order';
import {
  activityDiscountFen,
  activityDiscountLabel,
  buyNowUrl,
  canRequestRefund,
  checkoutActivity,
  flashCheckoutUrl,
  groupCheckoutUrl,
  couponReasonText,
  couponSummary,
  discountRows,
  formatMmSs,
  newIdempotencyKey,
  parseCheckoutParams,
  refundToast,
  sortCoupons,
  timelineReasonText,
} from '../src/utils/checkout';

describe('parseCheckoutParams', () => {
  test.each([
    [{ from: 'cart' }, { from: 'cart' }],
    [
      { from: 'buy', skuId: '12', qty: '3' },
      { from: 'buy', skuId: 12, qty: 3 },
    ],
    [
      { from: 'buy', skuId: '12' },
      { from: 'buy', skuId: 12, qty: 1 },
    ],
    [{ from: 'buy', skuId: 'x', qty: '1' }, null],
    [{ from: 'buy', skuId: '12', qty: '0' }, null],
    [{ from: 'buy', skuId: '12', qty: '100' }, null],
    [{}, null],
  ])('%j → %j', (params, expected) => {
    expect(parseCheckoutParams(params)).toEqual(expected);
  });

  test('buyNowUrl round-trips', () => {
    const query = Object.fromEntries(new URLSearchParams(buyNowUrl(7, 2).split('?')[1]));
    expect(parseCheckoutParams(query)).toEqual({ from: 'buy', skuId: 7, qty: 2 });
  });

  test.each([
    [
      { from: 'group', campaignId: '3', skuId: '12' },
      { from: 'group', campaignId: 3, groupId: null, skuId: 12, qty: 1, sharerId: null },
    ],
    [
      { from: 'group', campaignId: '3', groupId: '8', skuId: '12', qty: '2', sharerId: '34' },
      { from: 'group', campaignId: 3, groupId: 8, skuId: 12, qty: 2, sharerId: 34 },
    ],
    // A sharer that is not an id is dropped; the purchase itself still makes sense.
    [
      { from: 'group', campaignId: '3', skuId: '12', sharerId: 'x' },
      { from: 'group', campaignId: 3, groupId: null, skuId: 12, qty: 1, sharerId: null },
    ],
    [{ from: 'group', campaignId: '3', groupId: 'x', skuId: '12' }, null],
    [{ from: 'group', skuId: '12' }, null],
    [{ from: 'group', campaignId: '3' }, null],
    [
      { from: 'flash', flashSaleId: '5', skuId: '12' },
      { from: 'flash', flashSaleId: 5, skuId: 12, qty: 1, sharerId: null },
    ],
    [{ from: 'flash', flashSaleId: '0', skuId: '12' }, null],
    [{ from: 'flash', skuId: '12' }, null],
    [{ from: 'elsewhere', skuId: '12' }, null],
  ])('activity %j → %j', (params, expected) => {
    expect(parseCheckoutParams(params)).toEqual(expected);
  });

  test('activity URLs round-trip and name the activity for the quote', () => {
    const parse = (url: string) => parseCheckoutParams(Object.fromEntries(new URLSearchParams(url.split('?')[1])));
    const join = parse(groupCheckoutUrl({ campaignId: 3, groupId: 8, skuId: 12, sharerId: 34 }));
    expect(join).toEqual({ from: 'group', campaignId: 3, groupId: 8, skuId: 12, qty: 1, sharerId: 34 });
    expect(checkoutActivity(join!)).toEqual({ type: 'group', campaignId: 3, groupId: 8 });

    const open = parse(groupCheckoutUrl({ campaignId: 3, skuId: 12 }));
    expect(checkoutActivity(open!)).toEqual({ type: 'group', campaignId: 3 });

    const flash = parse(flashCheckoutUrl({ flashSaleId: 5, skuId: 12, sharerId: 34 }));
    expect(flash).toEqual({ from: 'flash', flashSaleId: 5, skuId: 12, qty: 1, sharerId: 34 });
    expect(checkoutActivity(flash!)).toEqual({ type: 'flash', flashSaleId: 5 });

    expect(checkoutActivity({ from: 'cart' })).toBeUndefined();
    expect(checkoutActivity({ from: 'buy', skuId: 1, qty: 1 })).toBeUndefined();
  });
});

describe('newIdempotencyKey', () => {
  test('fits the BFF pattern and differs between attempts', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(b).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(a).not.toBe(b);
  });

  test('holds only alphabet characters even at the edge of random()', () => {
    expect(newIdempotencyKey(() => 0.9999999, 0)).toMatch(/^[A-Za-z0-9]{24}$/);
  });
});

describe('coupons', () => {
  test.each([
    ['BELOW_THRESHOLD', '未满足使用门槛'],
    ['NO_ELIGIBLE_ITEMS', '无适用商品'],
    ['SOMETHING_NEW', '暂不可用'],
    [null, '暂不可用'],
  ])('%s → %s', (reason, textOut) => {
    expect(couponReasonText(reason)).toBe(textOut);
  });

  const available: AvailableCoupon[] = [
    { id: 1, name: '满100减5', label: '满100减5', validTo: '2026-12-31T15:59:59.999Z', discountFen: 500, usable: true, reason: null },
    {
      id: 2,
      name: '满500减50',
      label: '满500减50',
      validTo: '2026-12-31T15:59:59.999Z',
      discountFen: 0,
      usable: false,
      reason: 'BELOW_THRESHOLD',
    },
    { id: 3, name: '无门槛减10', label: '无门槛减10', validTo: '2026-12-31T15:59:59.999Z', discountFen: 1000, usable: true, reason: null },
  ];

  test('usable first, biggest saving first', () => {
    expect(sortCoupons(available).map((c) => c.id)).toEqual([3, 1, 2]);
  });

  test('the row shows the applied saving, a rejection, none, or how many could be used', () => {
    const applied = { id: 3, name: '无门槛减10', applied: true, rejection: null };
    expect(couponSummary({ coupon: applied, couponDiscountFen: 1000, availableCoupons: available }, undefined)).toEqual({
      text: '-¥10.00',
      highlight: true,
    });
    expect(
      couponSummary(
        { coupon: { ...applied, applied: false, rejection: 'BELOW_THRESHOLD' }, couponDiscountFen: 0, availableCoupons: available },
        3,
      ).text,
    ).toBe('未满足使用门槛');
    expect(couponSummary({ coupon: null, couponDiscountFen: 0, availableCoupons: available }, null).text).toBe('2张可用，未使用');
    expect(couponSummary({ coupon: null, couponDiscountFen: 0, availableCoupons: [] }, undefined).text).toBe('暂无可用优惠券');
  });
});

test('discountRows drops zero rows and shows amounts as positive', () => {
  expect(
    discountRows([
      { kind: 'member', label: '会员8.5折', amountFen: 1500 },
      { kind: 'promotion', label: '满199减20', amountFen: 0 },
      { kind: 'coupon', label: '优惠券：无门槛减10', amountFen: -1000 },
    ]),
  ).toEqual([
    { key: 'member-0', label: '会员8.5折', amountFen: 1500 },
    { key: 'coupon-2', label: '优惠券：无门槛减10', amountFen: 1000 },
  ]);
});

describe('refunds', () => {
  const paid = { status: 'preparing' as const, paidFen: 1000, refundedFen: 0, refunds: [] };
  test.each([
    [paid, true],
    [{ ...paid, status: 'ready_for_pickup' as const }, true],
    [{ ...paid, status: 'pending_payment' as const, paidFen: 0 }, false],
    [{ ...paid, status: 'completed' as const }, false],
    [{ ...paid, refundedFen: 1000 }, false],
    [{ ...paid, refunds: [{ status: 'requested' as const }] }, false],
    [{ ...paid, refunds: [{ status: 'rejected' as const }] }, true],
  ])('%j → %s', (order, expected) => {
    expect(canRequestRefund(order)).toBe(expected);
  });

  test('the toast says whether the store has to answer first', () => {
    expect(refundToast('requested')).toBe('已提交申请，门店将在48小时内处理');
    expect(refundToast('approved')).toBe('退款已提交，款项将原路退回');
    expect(refundToast('succeeded')).toBe('退款已提交，款项将原路退回');
  });
});

test.each([
  [0, '00:00'],
  [59_999, '00:59'],
  [15 * 60_000, '15:00'],
  [3_725_000, '1:02:05'],
  [-5, '00:00'],
])('formatMmSs(%i) = %s', (ms, textOut) => {
  expect(formatMmSs(ms)).toBe(textOut);
});

test('timeline reasons read as Chinese, unknown codes are hidden', () => {
  expect(timelineReasonText('wechat_pay')).toBe('微信支付成功');
  expect(timelineReasonText('payment_timeout')).toBe('超时未支付，订单已自动关闭');
  expect(timelineReasonText('bad_ciphertext')).toBeNull();
  expect(timelineReasonText(null)).toBeNull();
});

test('activity discounts: what activity prices took off, and what the row is called', () => {
  expect(
    activityDiscountFen([
      { unitPriceFen: 7900, activityPriceFen: 4900, qty: 2 },
      { unitPriceFen: 1000, activityPriceFen: null, qty: 3 },
      // An activity price above the usual one is no discount.
      { unitPriceFen: 1000, activityPriceFen: 1200, qty: 1 },
    ]),
  ).toBe(6000);
  expect(activityDiscountFen([])).toBe(0);
  expect(activityDiscountLabel('group')).toBe('拼团优惠');
  expect(activityDiscountLabel('flash')).toBe('秒杀优惠');
  expect(activityDiscountLabel(null)).toBe('活动优惠');
});
