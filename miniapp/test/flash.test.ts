import { clampPercent, flashAction, flashClock, splitFlashSales } from '../src/utils/flash';

test.each([
  ['running', '立即抢购', true],
  ['sold_out', '已抢光', false],
  ['upcoming', '即将开抢', false],
] as const)('%s → %s', (state, text, enabled) => {
  expect(flashAction(state)).toEqual({ text, enabled });
});

test('the clock counts to the start of an upcoming sale and to the end of the others', () => {
  const times = { startsAt: '2025-12-05T12:00:00.000Z', endsAt: '2025-12-07T12:00:00.000Z' };
  expect(flashClock({ state: 'upcoming', ...times })).toEqual({ label: '距开抢', target: times.startsAt });
  expect(flashClock({ state: 'running', ...times })).toEqual({ label: '距结束', target: times.endsAt });
  expect(flashClock({ state: 'sold_out', ...times })).toEqual({ label: '距结束', target: times.endsAt });
});

test('on now (sold-out ones last) and upcoming, each soonest first', () => {
  const sale = (id: number, state: 'upcoming' | 'running' | 'sold_out', hour: number) => ({
    id,
    state,
    startsAt: `2025-12-05T${String(hour).padStart(2, '0')}:00:00.000Z`,
  });
  const { current, upcoming } = splitFlashSales([
    sale(1, 'upcoming', 20),
    sale(2, 'sold_out', 8),
    sale(3, 'running', 10),
    sale(4, 'upcoming', 14),
    sale(5, 'running', 9),
  ]);
  expect(current.map((s) => s.id)).toEqual([5, 3, 2]);
  expect(upcoming.map((s) => s.id)).toEqual([4, 1]);
});

test.each([
  [42, 42],
  [42.6, 43],
  [-5, 0],
  [130, 100],
  [Number.NaN, 0],
])('clampPercent(%s) = %s', (input, expected) => {
  expect(clampPercent(input)).toBe(expected);
});
