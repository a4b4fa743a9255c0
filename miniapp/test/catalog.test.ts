import { formatDistance, fenToYuanInput } from '../src/utils/format';
import { wgs84ToGcj02 } from '../src/utils/geo';
import { pushHistory } from '../src/utils/history';
import { yuanToFen } from '../src/utils/money';
import {
  chosenSku,
  clampQty,
  initialSelection,
  isValueAvailable,
  missingSpecs,
  stockHint,
  toggleValue,
  type SkuLike,
  type SpecDimension,
} from '../src/utils/sku';
import { resolveUrl } from '../src/utils/url';

// What utils/media.ts mediaUrl() does with the BFF as the base.
const mediaUrl = (url: string | null | undefined, base = 'http://api.test') => resolveUrl(url, base);

describe('media URLs', () => {
  test.each([
    ['/media/p/W1001/1.svg', 'http://api.test/media/p/W1001/1.svg'],
    ['media/c/women.svg', 'http://api.test/media/c/women.svg'],
    ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/a.jpg'],
    ['http://cdn.example.com/a.jpg', 'http://cdn.example.com/a.jpg'],
    ['//cdn.example.com/a.jpg', '//cdn.example.com/a.jpg'],
    ['data:image/png;base64,AAAA', 'data:image/png;base64,AAAA'],
    ['wxfile://tmp_123.jpg', 'wxfile://tmp_123.jpg'],
    ['', ''],
  ])('%s → %s', (url, expected) => {
    expect(mediaUrl(url)).toBe(expected);
  });

  test('null and undefined stay empty; a base with a trailing slash is not doubled', () => {
    expect(mediaUrl(null)).toBe('');
    expect(mediaUrl(undefined)).toBe('');
    expect(mediaUrl('/media/x.svg', 'http://h:3000/')).toBe('http://h:3000/media/x.svg');
  });

  test('is idempotent', () => {
    expect(mediaUrl(mediaUrl('/media/x.svg'))).toBe('http://api.test/media/x.svg');
  });
});

describe('yuanToFen (filter sheet price boxes)', () => {
  test.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['12.', 1200],
    ['.5', 50],
    ['0', 0],
    [' 99 ', 9900],
    ['19.999', 1999],
  ])('%s → %i', (input, fen) => {
    expect(yuanToFen(input)).toBe(fen);
  });

  test.each(['', ' ', '.', 'abc', '-5', '1,000', '12.3.4', '１２'])('%s → null', (input) => {
    expect(yuanToFen(input)).toBeNull();
  });

  test('round-trips with fenToYuanInput', () => {
    for (const fen of [0, 5, 50, 1990, 2000, 123456]) expect(yuanToFen(fenToYuanInput(fen))).toBe(fen);
  });
});

describe('formatDistance', () => {
  test.each([
    [0, '0m'],
    [850, '850m'],
    [999, '999m'],
    [1000, '1.0km'],
    [1234, '1.2km'],
    [9960, '10.0km'],
    [23456, '23km'],
  ])('%i m → %s', (meters, text) => {
    expect(formatDistance(meters)).toBe(text);
  });
});

describe('pushHistory', () => {
  test('newest first, each once, at most max, blanks ignored', () => {
    expect(pushHistory([], ' 连衣裙 ')).toEqual(['连衣裙']);
    expect(pushHistory(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(pushHistory(['a', 'b'], '   ')).toEqual(['a', 'b']);
    const ten = Array.from({ length: 10 }, (_, i) => `w${i}`);
    expect(pushHistory(ten, 'new')).toEqual(['new', ...ten.slice(0, 9)]);
  });
});

describe('wgs84ToGcj02', () => {
  test('shifts a Hangzhou fix by the usual few hundred metres', () => {
    const { lat, lng } = wgs84ToGcj02({ lat: 30.2741, lng: 120.1551 });
    // The published conversion of this point: about +0.0025 lat, +0.0046 lng.
    expect(lat - 30.2741).toBeGreaterThan(-0.004);
    expect(lat - 30.2741).toBeLessThan(0.004);
    expect(lng - 120.1551).toBeGreaterThan(0.003);
    expect(lng - 120.1551).toBeLessThan(0.006);
  });

  test('leaves points outside mainland China alone', () => {
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 });
  });
});

describe('SKU picker rules', () => {
  const specs: SpecDimension[] = [
    { name: '颜色', values: ['黑', '白', '红'] },
    { name: '尺码', values: ['S', 'M', 'L'] },
  ];
  // 红 exists only in S; 白/L is sold out; 黑/M has 3 left.
  const skus: SkuLike[] = [
    { id: 1, specValues: { 颜色: '黑', 尺码: 'S' }, sellable: 50 },
    { id: 2, specValues: { 颜色: '黑', 尺码: 'M' }, sellable: 3 },
    { id: 3, specValues: { 颜色: '黑', 尺码: 'L' }, sellable: 12 },
    { id: 4, specValues: { 颜色: '白', 尺码: 'S' }, sellable: 9 },
    { id: 5, specValues: { 颜色: '白', 尺码: 'M' }, sellable: 30 },
    { id: 6, specValues: { 颜色: '白', 尺码: 'L' }, sellable: 0 },
    { id: 7, specValues: { 颜色: '红', 尺码: 'S' }, sellable: 8 },
  ];

  test.each([
    [{}, '颜色', '红', true],
    [{}, '尺码', 'L', true],
    [{ 颜色: '红' }, '尺码', 'M', false], // no such SKU
    [{ 颜色: '白' }, '尺码', 'L', false], // exists, sold out
    [{ 颜色: '白' }, '尺码', 'S', true],
    [{ 尺码: 'L' }, '颜色', '白', false],
    [{ 尺码: 'L' }, '颜色', '黑', true],
    // Changing a chosen dimension is judged against the other dimensions only.
    [{ 颜色: '红', 尺码: 'S' }, '颜色', '黑', true],
    [{ 颜色: '黑', 尺码: 'M' }, '尺码', 'L', true],
  ])('with %o, %s=%s available: %s', (selection, name, value, expected) => {
    expect(isValueAvailable(skus, selection, name, value)).toBe(expected);
  });

  test('a SKU is chosen only when every dimension is', () => {
    expect(chosenSku(specs, skus, { 颜色: '黑' })).toBeNull();
    expect(chosenSku(specs, skus, { 颜色: '黑', 尺码: 'M' })?.id).toBe(2);
    expect(chosenSku(specs, skus, { 颜色: '红', 尺码: 'L' })).toBeNull();
    expect(missingSpecs(specs, { 尺码: 'M' })).toEqual(['颜色']);
  });

  test('a product without specs has its single SKU chosen', () => {
    const single = [{ id: 9, specValues: {}, sellable: 4 }];
    expect(chosenSku([], single, {})?.id).toBe(9);
  });

  test('starts on the activity SKU, else on the dimensions with one value', () => {
    expect(initialSelection(specs, skus, 5)).toEqual({ 颜色: '白', 尺码: 'M' });
    expect(initialSelection(specs, skus, 999)).toEqual({});
    expect(initialSelection([{ name: '规格', values: ['30ml'] }, ...specs.slice(1)], skus)).toEqual({ 规格: '30ml' });
  });

  test('tapping a chosen value clears it', () => {
    expect(toggleValue({ 颜色: '黑' }, '颜色', '黑')).toEqual({});
    expect(toggleValue({ 颜色: '黑' }, '颜色', '白')).toEqual({ 颜色: '白' });
    expect(toggleValue({}, '尺码', 'S')).toEqual({ 尺码: 'S' });
  });

  test.each([
    [0, '无货', 'out'],
    [-2, '无货', 'out'],
    [1, '仅剩1件', 'low'],
    [5, '仅剩5件', 'low'],
    [6, '库存紧张', 'low'],
    [20, '库存紧张', 'low'],
    [21, '有货', 'ok'],
  ])('stock %i reads %s', (sellable, text, tone) => {
    expect(stockHint(sellable)).toEqual({ text, tone });
  });

  test.each([
    [1, 10, 1],
    [0, 10, 1],
    [12, 10, 10],
    [150, 500, 99],
    [3, 0, 1],
  ])('qty %i with %i sellable → %i', (qty, sellable, expected) => {
    expect(clampQty(qty, sellable)).toBe(expected);
  });
});
