import {
  centerAction,
  claimTokenOf,
  couponCodeInput,
  faceOfRule,
  groupCode,
  isCouponCode,
  myCouponStamp,
  ruleValidityText,
  shanghaiDay,
  yuanText,
} from '../src/utils/coupon';

const TOKEN = '12.abcdefghijklmnopqrstuv';

describe('扫码领券 token', () => {
  test.each([
    [TOKEN, TOKEN],
    [`  ${TOKEN} `, TOKEN],
    [`pages/coupon-scan/index?t=${TOKEN}`, TOKEN],
    [`/pages/coupon-scan/index?t=${encodeURIComponent(TOKEN)}&from=3`, TOKEN],
    [`http://127.0.0.1:8080/#/pages/coupon-scan/index?t=${TOKEN}`, TOKEN],
    [`pages/coupon-scan/index?scene=${TOKEN}`, TOKEN],
    ['12.short', null],
    ['hello', null],
    ['pages/coupon-scan/index?t=%E0%A4%A', null],
  ])('%s → %s', (text, token) => {
    expect(claimTokenOf(text)).toBe(token);
  });
});

describe('券码', () => {
  test('digits only, at most 20; a whole code starts with 9', () => {
    expect(couponCodeInput('9123 4567-8901 2345 678999')).toBe('91234567890123456789');
    expect(isCouponCode('91234567890123456789')).toBe(true);
    expect(isCouponCode('81234567890123456789')).toBe(false);
    expect(isCouponCode('123456789012345678')).toBe(false);
    expect(groupCode('91234567890123456789')).toBe('9123 4567 8901 2345 6789');
    expect(groupCode('AB12')).toBe('AB12');
  });
});

describe('faces and words', () => {
  test('yuan without trailing zeros', () => {
    expect([yuanText(2000), yuanText(1550), yuanText(1505), yuanText(0), yuanText(10000)]).toEqual(['20', '15.5', '15.05', '0', '100']);
  });

  test('a rule as a face', () => {
    expect(faceOfRule({ kind: 'no_threshold', amountOffFen: 800, percent: null, thresholdFen: 0 })).toEqual({
      value: '8',
      unit: 'yuan',
      condition: '无门槛',
    });
    expect(faceOfRule({ kind: 'percent', amountOffFen: null, percent: 88, thresholdFen: 10000 })).toEqual({
      value: '8.8',
      unit: 'zhe',
      condition: '满100元可用',
    });
  });

  test('validity in Asia/Shanghai days', () => {
    expect(shanghaiDay('2026-12-31T15:59:59.999Z')).toBe('2026.12.31');
    expect(shanghaiDay('2026-12-31T16:00:00.000Z')).toBe('2027.01.01');
    expect(ruleValidityText({ validity: 'relative', validDays: 7, validFrom: null, validTo: null })).toBe('领取后7天内有效');
    expect(
      ruleValidityText({ validity: 'fixed', validDays: null, validFrom: '2026-11-30T16:00:00.000Z', validTo: '2026-12-31T15:59:59.999Z' }),
    ).toBe('2026.12.01-2026.12.31');
  });

  test('the claim centre button per state', () => {
    expect(centerAction('claimable', false)).toEqual({ text: '立即领取', enabled: true, ghost: false });
    expect(centerAction('claimed', false).text).toBe('已领取');
    expect(centerAction('sold_out', false).text).toBe('已抢光');
    expect(centerAction('not_eligible', true).text).toBe('新客专享');
    expect(centerAction('not_eligible', false).enabled).toBe(false);
  });

  test('stamps of used, expired and locked coupons', () => {
    expect(myCouponStamp({ status: 'available', usedChannel: null })).toBeNull();
    expect(myCouponStamp({ status: 'used', usedChannel: 'online' })).toBe('已使用');
    expect(myCouponStamp({ status: 'used', usedChannel: 'offline' })).toBe('已核销');
    expect(myCouponStamp({ status: 'expired', usedChannel: null })).toBe('已过期');
    expect(myCouponStamp({ status: 'locked', usedChannel: null })).toBe('使用中');
  });
});
