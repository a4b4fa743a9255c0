import { pickupSlots, refuseSlot } from '../../src/domain/pickup-slots';
import type { OpeningHours } from '../../src/domain/opening-hours';

const every = (open: string, close: string): OpeningHours => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open, close }));
/** An instant given as Asia/Shanghai wall time. */
const sh = (local: string) => new Date(`${local}+08:00`);
const slot = (from: string, to: string) => ({ start: sh(from), end: sh(to) });
const shown = (slots: { start: Date; end: Date }[]) => slots.map((s) => `${s.start.toISOString()}/${s.end.toISOString()}`);

describe('预约自提时段 (pure)', () => {
  // 2026-12-02 is a Wednesday (weekday 3).
  const hours = every('09:30', '21:30');

  it('cuts one-hour slots from opening, the last ending at closing, today from now + 30 min and all of tomorrow', () => {
    const slots = pickupSlots(hours, sh('2026-12-02T19:10:00'));
    expect(slots[0]).toEqual(slot('2026-12-02T20:30:00', '2026-12-02T21:30:00'));
    expect(slots[1]).toEqual(slot('2026-12-03T09:30:00', '2026-12-03T10:30:00'));
    expect(slots.at(-1)).toEqual(slot('2026-12-03T20:30:00', '2026-12-03T21:30:00'));
    expect(slots).toHaveLength(1 + 12);
  });

  it('ends the last slot at a closing that is not on the hour', () => {
    const slots = pickupSlots(every('10:00', '22:30'), sh('2026-12-02T23:00:00'));
    expect(slots.at(-1)).toEqual(slot('2026-12-03T22:00:00', '2026-12-03T22:30:00'));
  });

  it('keeps the past-midnight hours of a late store on the next morning', () => {
    const late = [{ weekday: 3, open: '20:00', close: '02:00' }];
    const slots = pickupSlots(late, sh('2026-12-02T23:40:00'));
    expect(shown(slots)).toEqual(shown([slot('2026-12-03T01:00:00', '2026-12-03T02:00:00')]));
  });

  it('offers nothing on a day the store is closed', () => {
    const noThursday = hours.filter((d) => d.weekday !== 4);
    expect(pickupSlots(noThursday, sh('2026-12-02T22:00:00'))).toEqual([]);
  });

  const now = sh('2026-12-02T12:10:00');
  it.each([
    ['an offered slot', slot('2026-12-02T13:30:00', '2026-12-02T14:30:00'), null],
    ['tomorrow at opening', slot('2026-12-03T09:30:00', '2026-12-03T10:30:00'), null],
    ['already begun', slot('2026-12-02T11:30:00', '2026-12-02T12:30:00'), 'past'],
    ['too soon to prepare', slot('2026-12-02T12:30:00', '2026-12-02T13:30:00'), 'past'],
    ['yesterday', slot('2026-12-01T13:30:00', '2026-12-01T14:30:00'), 'past'],
    ['before opening', slot('2026-12-03T08:00:00', '2026-12-03T09:00:00'), 'closed'],
    ['running past closing', slot('2026-12-03T21:00:00', '2026-12-03T22:00:00'), 'closed'],
    ['after closing', slot('2026-12-03T22:00:00', '2026-12-03T23:00:00'), 'closed'],
    ['the day after tomorrow', slot('2026-12-04T13:30:00', '2026-12-04T14:30:00'), 'too_far'],
    ['off the grid', slot('2026-12-03T10:00:00', '2026-12-03T11:00:00'), 'not_offered'],
    ['two hours long', slot('2026-12-03T10:30:00', '2026-12-03T12:30:00'), 'not_offered'],
  ])('%s → %s', (_why, chosen, refusal) => {
    expect(refuseSlot(hours, now, chosen)).toBe(refusal);
  });

  it('refuses any slot on a closed weekday as closed', () => {
    const noThursday = hours.filter((d) => d.weekday !== 4);
    expect(refuseSlot(noThursday, now, slot('2026-12-03T13:30:00', '2026-12-03T14:30:00'))).toBe('closed');
  });
});
