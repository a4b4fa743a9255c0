import { formatCount } from '../src/utils/format';
import { formatFen } from '../src/utils/money';
import { clockParts, formatShanghaiDateTime, msUntil } from '../src/utils/time';

describe('formatFen', () => {
  test.each([
    [0, '0.00'],
    [1, '0.01'],
    [90, '0.90'],
    [1290, '12.90'],
    [100000, '1000.00'],
    [-5, '-0.05'],
    [-1290, '-12.90'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  test('rejects fractions of a fen', () => {
    expect(() => formatFen(12.5)).toThrow(RangeError);
  });
});

describe('formatCount', () => {
  test.each([
    [0, '0'],
    [9999, '9999'],
    [10000, '1万'],
    [12345, '1.2万'],
    [129999, '12.9万'],
  ])('%i → %s', (count, text) => {
    expect(formatCount(count)).toBe(text);
  });
});

describe('countdown maths', () => {
  const now = Date.parse('2025-06-01T12:00:00+08:00');

  test.each([
    ['2025-06-01T12:00:05+08:00', 5_000],
    ['2025-06-01T11:59:00+08:00', 0],
    ['not a time', 0],
  ])('msUntil(%s) = %i', (target, ms) => {
    expect(msUntil(target, now)).toBe(ms);
  });

  test.each([
    [0, ['00', '00', '00']],
    [59_999, ['00', '00', '59']],
    [3_723_000, ['01', '02', '03']],
    [100 * 3600_000, ['100', '00', '00']],
  ])('clockParts(%i)', (ms, parts) => {
    expect(clockParts(ms)).toEqual(parts);
  });
});

test('formatShanghaiDateTime shows Asia/Shanghai wall time', () => {
  expect(formatShanghaiDateTime('2025-12-05T12:00:00Z')).toBe('12月5日 20:00');
  expect(formatShanghaiDateTime('2025-12-31T16:30:00Z')).toBe('1月1日 00:30');
});
