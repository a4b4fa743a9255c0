import { discountLabel, formatPointsDelta, groupDigits, pointsReasonLabel, pointsReferenceLabel, tierTone } from '../src/utils/member';
import { formatDateChinese, formatShanghaiTimestamp, shanghaiToday } from '../src/utils/time';

test.each([
  ['000000002568690566', '0000 0000 2568 6905 66'],
  ['1234', '1234'],
  ['12345', '1234 5'],
  ['0000 0000 2568 6905 66', '0000 0000 2568 6905 66'],
])('groupDigits(%s)', (code, grouped) => {
  expect(groupDigits(code)).toBe(grouped);
});

test.each([
  ['order_completed', '下单完成'],
  ['refund_reversal', '退款扣回'],
  ['exchange', '积分兑换'],
  ['seed', '初始积分'],
  ['something_new', '积分变动'],
])('pointsReasonLabel(%s) = %s', (reason, label) => {
  expect(pointsReasonLabel(reason)).toBe(label);
});

test('pointsReferenceLabel names orders and refunds only', () => {
  expect(pointsReferenceLabel('order_completed', 'O2025')).toBe('订单号 O2025');
  expect(pointsReferenceLabel('refund_reversal', 'R1')).toBe('退款单号 R1');
  expect(pointsReferenceLabel('seed', 'seed')).toBeNull();
  expect(pointsReferenceLabel('order_completed', '')).toBeNull();
});

test('formatPointsDelta always signs', () => {
  expect(formatPointsDelta(120)).toBe('+120');
  expect(formatPointsDelta(-35)).toBe('-35');
  expect(formatPointsDelta(0)).toBe('0');
});

test('tier tone and discount label', () => {
  expect(tierTone('gold')).toBe('gold');
  expect(tierTone('silver')).toBe('silver');
  expect(tierTone('normal')).toBe('normal');
  expect(tierTone('platinum')).toBe('normal');
  expect(discountLabel(90)).toBe('9折');
  expect(discountLabel(85)).toBe('8.5折');
  expect(discountLabel(100)).toBe('');
});

test('Shanghai dates', () => {
  expect(formatShanghaiTimestamp('2026-11-22T13:49:13.046Z')).toBe('2026-11-22 21:49');
  expect(formatShanghaiTimestamp('2025-12-31T16:30:00Z')).toBe('2026-01-01 00:30');
  // 23:59 UTC on 31 Dec is already New Year's Day in Shanghai.
  expect(shanghaiToday(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  expect(shanghaiToday(Date.parse('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
  expect(formatDateChinese('1996-03-08')).toBe('1996年3月8日');
});
