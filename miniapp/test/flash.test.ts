import { clampPercent, flashAction, flashClock, initialSession, reminderAction, sessionTab, splitFlashSales } from '../src/utils/flash';

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

test('an ended sale of a past session cannot be bought', () => {
  expect(flashAction('ended')).toEqual({ text: '已结束', enabled: false });
});

test.each([
  [false, false, { text: '提醒我', on: false }],
  [true, false, { text: '已设置提醒', on: true }],
  [false, true, { text: '设置中…', on: false }],
  [true, true, { text: '取消中…', on: true }],
] as const)('开抢提醒 button: reminded %s, busy %s', (reminded, busy, expected) => {
  expect(reminderAction(reminded, busy)).toEqual(expected);
});

test('a session tab reads the Shanghai clock time and its state label', () => {
  // 02:00Z is 10:00 in Shanghai; 12:00Z is 20:00.
  expect(sessionTab({ startsAt: '2026-12-04T02:00:00.000Z', day: 0, state: 'started' })).toEqual({
    time: '10:00',
    day: '',
    label: '已开抢',
  });
  expect(sessionTab({ startsAt: '2026-12-04T06:30:00.000Z', day: 0, state: 'running' })).toEqual({
    time: '14:30',
    day: '',
    label: '抢购中',
  });
  expect(sessionTab({ startsAt: '2026-12-05T02:00:00.000Z', day: 1, state: 'upcoming' })).toEqual({
    time: '10:00',
    day: '明日',
    label: '即将开始',
  });
  // 16:00Z is midnight in Shanghai.
  expect(sessionTab({ startsAt: '2026-12-04T16:00:00.000Z', day: 1, state: 'upcoming' }).time).toBe('00:00');
});

test('the page opens on the session of the sale a reminder names, else the BFF’s pick (clamped)', () => {
  const data = { sessions: [{ sales: [{ id: 1 }, { id: 2 }] }, { sales: [{ id: 3 }] }, { sales: [{ id: 4 }] }], currentIndex: 1 };
  expect(initialSession(data)).toBe(1);
  expect(initialSession(data, 4)).toBe(2);
  expect(initialSession(data, 2)).toBe(0);
  expect(initialSession(data, 99)).toBe(1);
  expect(initialSession({ sessions: [], currentIndex: -1 })).toBe(0);
  expect(initialSession({ ...data, currentIndex: 7 })).toBe(2);
});
