import { distanceMeters } from '../../src/domain/geo';
import { hoursOn, isOpenAt, type OpeningHours } from '../../src/domain/opening-hours';
import { containsPattern, searchTerms } from '../../src/domain/search-query';

describe('searchTerms', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['   ', []],
    ['连衣裙', ['连衣裙']],
    ['LYQ', ['lyq']],
    ['  lianyi  qun ', ['lianyi', 'qun']],
    ['连衣裙lyq', ['连衣裙', 'lyq']],
    ['ｌｙｑ', ['lyq']],
    ['%_\\', []],
    ["'; DROP TABLE products; --", ['drop', 'table', 'products']],
    ['a a a', ['a']],
    ['1 2 3 4 5 6 7', ['1', '2', '3', '4', '5']],
    ['x'.repeat(80), ['x'.repeat(50)]],
    // A decimal point between digits stays in the term, as search_text keeps it; any other dot separates.
    ['15.6', ['15.6']],
    ['15.6英寸', ['15.6', '英寸']],
    ['１５．６寸', ['15.6', '寸']],
    ['15.', ['15']],
    ['.6', ['6']],
    ['a.b 1..2', ['a', 'b', '1', '2']],
  ])('%p → %p', (raw, terms) => {
    expect(searchTerms(raw)).toEqual(terms);
  });

  it('escapes LIKE wildcards', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});

describe('distanceMeters', () => {
  const westLake = { lat: 30.2592, lng: 120.1482 };
  it.each([
    [westLake, westLake, 0, 0],
    // 杭州西湖 → 上海人民广场 ≈ 165 km
    [westLake, { lat: 31.2304, lng: 121.4737 }, 164_000, 167_000],
    // one hundredth of a degree of latitude ≈ 1.11 km
    [westLake, { lat: 30.2692, lng: 120.1482 }, 1_100, 1_125],
  ])('%p → %p within [%i, %i] m', (a, b, min, max) => {
    const d = distanceMeters(a, b);
    expect(d).toBeGreaterThanOrEqual(min);
    expect(d).toBeLessThanOrEqual(max);
  });

  it('is symmetric', () => {
    const a = { lat: 30.2, lng: 120.1 };
    const b = { lat: 30.3, lng: 120.3 };
    expect(distanceMeters(a, b)).toBeCloseTo(distanceMeters(b, a), 6);
  });
});

describe('opening hours in Asia/Shanghai', () => {
  const hours: OpeningHours = [
    { weekday: 0, open: '10:00', close: '22:00' },
    { weekday: 5, open: '10:00', close: '01:00' }, // Friday until 1 a.m.
  ];
  // 2026-11-22 is a Sunday; 02:00Z = 10:00 in Shanghai.
  it.each([
    ['2026-11-22T01:59:00Z', false],
    ['2026-11-22T02:00:00Z', true],
    ['2026-11-22T13:59:00Z', true],
    ['2026-11-22T14:00:00Z', false],
    ['2026-11-27T16:30:00Z', true], // Saturday 00:30 after Friday's late opening
    ['2026-11-27T17:00:00Z', false], // Saturday 01:00
    ['2026-11-23T04:00:00Z', false], // Monday: closed
  ])('%s → open %p', (at, open) => {
    expect(isOpenAt(hours, new Date(at))).toBe(open);
  });

  it('shows today’s hours or null', () => {
    expect(hoursOn(hours, new Date('2026-11-22T04:00:00Z'))).toBe('10:00-22:00');
    expect(hoursOn(hours, new Date('2026-11-23T04:00:00Z'))).toBeNull();
  });
});
