import { liveStatusAt } from '../../src/domain/live-status';

const startsAt = new Date('2026-12-04T12:00:00.000Z');
const endsAt = new Date('2026-12-04T14:00:00.000Z');
const at = (iso: string) => new Date(iso);
const before = at('2026-12-04T11:59:59.999Z');
const start = startsAt;
const during = at('2026-12-04T13:00:00.000Z');
const end = endsAt;
const after = at('2026-12-04T15:00:00.000Z');

describe('liveStatusAt: the schedule, unless head office overrode it', () => {
  it.each([
    // no override: the clock decides, window [starts_at, ends_at)
    [null, before, 'scheduled'],
    [null, start, 'live'],
    [null, during, 'live'],
    [null, end, 'ended'],
    [null, after, 'ended'],
    // 推迟开播: still 预告 after starts_at
    ['scheduled', before, 'scheduled'],
    ['scheduled', during, 'scheduled'],
    ['scheduled', after, 'scheduled'],
    // 提前开播 / 延长直播
    ['live', before, 'live'],
    ['live', during, 'live'],
    ['live', after, 'live'],
    // 提前结束
    ['ended', before, 'ended'],
    ['ended', during, 'ended'],
    ['ended', after, 'ended'],
  ] as const)('override %s at %s is %s', (statusOverride, now, expected) => {
    expect(liveStatusAt({ startsAt, endsAt, statusOverride }, now)).toBe(expected);
  });
});
