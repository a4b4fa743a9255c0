import type { TillAdjustment } from '../src/services/staff';
import { customerLabel, formatPickupCode, parsePickupCode, pickupCodeInput, pieceCount } from '../src/utils/pickup';
import { channelLabel, formatQueueCount, formatQueueTime, formatWaited, hasRole, isPast, roleLabel } from '../src/utils/staff';
import {
  basketItems,
  basketPieces,
  linesFromQuote,
  memberCodeInput,
  parseItemCode,
  parseMemberCode,
  payMethodLabel,
  TILL_TENDERS,
  savedFen,
  shortLines,
  summaryRows,
  withQty,
} from '../src/utils/till';
import { formatFen } from '../src/utils/money';

describe('pickup code', () => {
  test.each([
    ['12345678', '1234 5678'],
    ['00001234', '0000 1234'],
    ['1234 5678', '1234 5678'],
    ['1234', '1234'],
  ])('formatPickupCode(%s) = %s', (code, shown) => {
    expect(formatPickupCode(code)).toBe(shown);
  });

  test.each([
    ['12345678', '12345678'],
    ['PICKUP:12345678', '12345678'],
    ['pickup:00000001', '00000001'],
    [' 1234 5678 ', '12345678'],
    ['1234567', null],
    ['123456789', null],
    ['PICKUP:1234abcd', null],
    ['MEMBER:12345678', null],
    ['', null],
  ])('parsePickupCode(%j) = %j', (input, code) => {
    expect(parsePickupCode(input)).toBe(code);
  });

  test('typing keeps digits only, at most 8', () => {
    expect(pickupCodeInput('1234-5678-9')).toBe('12345678');
    expect(pickupCodeInput('12a3')).toBe('123');
    expect(pickupCodeInput('')).toBe('');
  });

  test('customer label with and without a phone', () => {
    expect(customerLabel({ nickname: '林小满', phoneTail: '0001' })).toBe('林小满 · 尾号0001');
    expect(customerLabel({ nickname: '林小满', phoneTail: null })).toBe('林小满');
    expect(customerLabel({ nickname: '', phoneTail: null })).toBe('微信用户');
    expect(pieceCount([{ qty: 1 }, { qty: 2 }, { qty: 2 }])).toBe(5);
  });
});

describe('staff display', () => {
  test('roles and their ranks', () => {
    expect(roleLabel('clerk')).toBe('店员');
    expect(roleLabel('manager')).toBe('店长');
    expect(roleLabel('admin')).toBe('总部');
    expect(hasRole('clerk', 'clerk')).toBe(true);
    expect(hasRole('clerk', 'manager')).toBe(false);
    expect(hasRole('manager', 'clerk')).toBe(true);
    expect(hasRole('admin', 'manager')).toBe(true);
    expect(hasRole('manager', 'admin')).toBe(false);
  });

  test('channels', () => {
    expect(channelLabel('online')).toBe('线上商城');
    expect(channelLabel('live')).toBe('直播间');
    expect(channelLabel('offline')).toBe('门店收银');
    expect(channelLabel('pickup')).toBe('pickup');
  });

  test('queue counts cap at the endpoint limit', () => {
    expect(formatQueueCount(0)).toBe('0');
    expect(formatQueueCount(12)).toBe('12');
    expect(formatQueueCount(50)).toBe('50+');
  });

  // 2025-12-05 12:00 in Shanghai is 04:00 UTC.
  const noon = Date.parse('2025-12-05T04:00:00Z');
  test.each([
    ['2025-12-05T01:05:00Z', '今天 09:05'],
    ['2025-12-04T16:00:00Z', '今天 00:00'],
    ['2025-12-04T15:59:00Z', '昨天 23:59'],
    ['2025-12-02T12:30:00Z', '12月2日 20:30'],
  ])('formatQueueTime(%s) = %s (Asia/Shanghai days)', (iso, shown) => {
    expect(formatQueueTime(iso, noon)).toBe(shown);
  });

  test('formatWaited', () => {
    const now = Date.parse('2025-12-05T04:00:00Z');
    expect(formatWaited('2025-12-05T03:59:30Z', now)).toBe('刚刚');
    expect(formatWaited('2025-12-05T03:35:00Z', now)).toBe('25分钟');
    expect(formatWaited('2025-12-05T01:00:00Z', now)).toBe('3小时');
    expect(formatWaited('2025-12-03T03:00:00Z', now)).toBe('2天');
    expect(formatWaited('2025-12-06T03:00:00Z', now)).toBe('刚刚');
    expect(isPast('2025-12-05T03:00:00Z', now)).toBe(true);
    expect(isPast('2025-12-05T05:00:00Z', now)).toBe(false);
    expect(isPast(null, now)).toBe(false);
  });
});

describe('till basket', () => {
  test.each([
    ['2010050010016', { barcode: '2010050010016' }],
    [' 2010 0500 1001 6 ', { barcode: '2010050010016' }],
    ['12345678', { barcode: '12345678' }],
    ['ABC-12345', { barcode: 'ABC-12345' }],
    ['42', { skuId: 42 }],
    ['0000042', { skuId: 42 }],
    ['0', null],
    ['', null],
    ['商品', null],
    ['12.5', null],
  ])('parseItemCode(%j)', (input, code) => {
    expect(parseItemCode(input)).toEqual(code);
  });

  test('the request holds the basket and one more unit of a new code', () => {
    const lines = [
      { skuId: 3, qty: 2 },
      { skuId: 9, qty: 1 },
    ];
    expect(basketItems(lines)).toEqual([
      { skuId: 3, qty: 2 },
      { skuId: 9, qty: 1 },
    ]);
    expect(basketItems(lines, { barcode: '2010050010016' })).toEqual([
      { skuId: 3, qty: 2 },
      { skuId: 9, qty: 1 },
      { barcode: '2010050010016', qty: 1 },
    ]);
    expect(basketItems([], { skuId: 5 })).toEqual([{ skuId: 5, qty: 1 }]);
  });

  test('the basket follows the quote (a rescanned barcode merged into its line)', () => {
    const quote = {
      items: [
        { skuId: 3, qty: 3, title: 'T恤', specText: '白色 / M', imageUrl: '', unitPriceFen: 7900, payableFen: 21330, sellableAtTill: 10 },
        { skuId: 9, qty: 1, title: '毛巾', specText: '', imageUrl: '', unitPriceFen: 2990, payableFen: 2691, sellableAtTill: 0 },
      ],
    };
    expect(linesFromQuote(quote)).toEqual([
      { skuId: 3, qty: 3 },
      { skuId: 9, qty: 1 },
    ]);
    expect(shortLines(quote)).toEqual([9]);
  });

  test('quantity changes: set, cap, remove', () => {
    const lines = [
      { skuId: 3, qty: 2 },
      { skuId: 9, qty: 1 },
    ];
    expect(withQty(lines, 3, 5)).toEqual([
      { skuId: 3, qty: 5 },
      { skuId: 9, qty: 1 },
    ]);
    expect(withQty(lines, 9, 0)).toEqual([{ skuId: 3, qty: 2 }]);
    expect(withQty(lines, 3, 5000)[0].qty).toBe(999);
    expect(withQty(lines, 7, 2)).toEqual(lines);
    expect(basketPieces(lines)).toBe(3);
    // Never mutated.
    expect(lines[0].qty).toBe(2);
  });

  test('the total as shown: item total, then each discount under its label; the rows explain the payable', () => {
    const quote = {
      itemsTotalFen: 23_700,
      payableFen: 19_330,
      adjustments: [
        { kind: 'member', label: '会员9折', amountFen: 2_370 },
        { kind: 'promotion', label: '满199减20', amountFen: 2_000 },
        { kind: 'coupon', label: '优惠券', amountFen: 0 },
      ] satisfies TillAdjustment[],
    };
    const rows = summaryRows(quote);
    expect(rows.map((row) => `${row.label} ${row.minus ? '-' : ''}¥${formatFen(row.amountFen)}`)).toEqual([
      '商品金额 ¥237.00',
      '会员9折 -¥23.70',
      '满199减20 -¥20.00',
    ]);
    const discounts = rows.filter((row) => row.minus).reduce((sum, row) => sum + row.amountFen, 0);
    expect(quote.itemsTotalFen - discounts).toBe(quote.payableFen);
    expect(savedFen(quote)).toBe(4_370);
    expect(savedFen({ itemsTotalFen: 100, payableFen: 100 })).toBe(0);
  });

  test('pay methods and member codes', () => {
    expect(payMethodLabel('offline_wechat')).toBe('微信支付');
    expect(payMethodLabel('offline_cash')).toBe('现金');
    expect(payMethodLabel('offline_alipay')).toBe('支付宝');
    expect(payMethodLabel('offline_card')).toBe('银行卡');
    // The till offers every tender the BFF accepts, once each.
    expect(TILL_TENDERS.map((tender) => tender.method).sort()).toEqual([
      'offline_alipay',
      'offline_card',
      'offline_cash',
      'offline_wechat',
    ]);
    expect(memberCodeInput('0000 0000 2568 6905 66 99')).toBe('000000002568690566');
    expect(parseMemberCode('000000002568690566')).toBe('000000002568690566');
    expect(parseMemberCode('0000 0000 2568 6905 66')).toBe('000000002568690566');
    expect(parseMemberCode('00000000256869056')).toBeNull();
    expect(parseMemberCode('PICKUP:12345678')).toBeNull();
  });
});
