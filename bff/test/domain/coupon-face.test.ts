import { couponFace, templateValidityText, validityText, type CouponRule } from '../../src/domain/coupon-face';

const rule = (r: Partial<CouponRule>): CouponRule => ({ kind: 'threshold', thresholdFen: 0, scope: 'all', channel: 'both', ...r });

describe('how a coupon reads', () => {
  it.each([
    [rule({ amountOffFen: 2000, thresholdFen: 19900 }), { value: '20', unit: 'yuan', label: '满199减20', condition: '满199元可用' }],
    [rule({ kind: 'no_threshold', amountOffFen: 500 }), { value: '5', unit: 'yuan', label: '无门槛减5', condition: '无门槛' }],
    [rule({ kind: 'percent', percent: 88 }), { value: '8.8', unit: 'zhe', label: '8.8折', condition: '无门槛' }],
    [
      rule({ kind: 'percent', percent: 90, thresholdFen: 10000, maxDiscountFen: 3000 }),
      { value: '9', unit: 'zhe', label: '满100打9折，最高减30', condition: '满100元可用' },
    ],
    [rule({ amountOffFen: 1050, thresholdFen: 9990 }), { value: '10.5', unit: 'yuan', label: '满99.9减10.5', condition: '满99.9元可用' }],
  ])('%o reads %o', (input, expected) => {
    expect(couponFace(input)).toMatchObject(expected);
  });

  it('says where and what it covers', () => {
    expect(couponFace(rule({ amountOffFen: 1, scope: 'categories', channel: 'offline' }))).toMatchObject({
      scopeText: '指定分类可用',
      channelText: '仅限门店使用',
    });
  });

  it('shows validity in Asia/Shanghai days, the end day included', () => {
    // 2026-11-30T16:00Z is 00:00 on 1 December in Shanghai; 2026-12-31T15:59:59.999Z is the end of the 31st.
    expect(validityText(new Date('2026-11-30T16:00:00Z'), new Date('2026-12-31T15:59:59.999Z'))).toBe('2026.12.01-2026.12.31');
    expect(templateValidityText({ validity: 'relative', validFrom: null, validTo: null, validDays: 7 })).toBe('领取后7天内有效');
  });
});
