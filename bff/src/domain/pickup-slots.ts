import { isOpenAt, type OpeningHours } from './opening-hours';
import { shanghaiDate, shanghaiDateStart, shanghaiWallClock } from './shanghai';

/**
 * 预约自提时段 (docs/domain.md#pickup-slots): the windows a customer may choose to collect a pickup
 * order, cut from the store's opening hours (Asia/Shanghai) — today and tomorrow, one hour each
 * from opening (the last one ends at closing), and only those starting once the store has had
 * time to prepare the order. The server accepts exactly a slot of this list; anything else is
 * refused with the reason a customer can act on.
 */
export const PICKUP_SLOT_MINUTES = 60;
/** The earliest slot starts this long after the order is placed (备货时间). */
export const PICKUP_PREPARATION_MINUTES = 30;
/** Today and tomorrow. */
export const PICKUP_SLOT_DAYS = 2;

export type PickupSlot = { start: Date; end: Date };
export type SlotRefusal = 'past' | 'closed' | 'too_far' | 'not_offered';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Every slot of the Asia/Shanghai days from yesterday (its past-midnight hours) to the last offered day, in time order. */
function allSlots(hours: OpeningHours, now: Date): PickupSlot[] {
  const today = shanghaiDateStart(shanghaiDate(now)).getTime();
  const slots = new Map<number, PickupSlot>();
  for (let day = -1; day < PICKUP_SLOT_DAYS; day++) {
    const dayStart = today + day * DAY;
    const weekday = shanghaiWallClock(new Date(dayStart)).getUTCDay();
    for (const entry of hours.filter((h) => h.weekday === weekday)) {
      const open = minutesOf(entry.open);
      let close = minutesOf(entry.close);
      if (close <= open) close += 24 * 60; // closes after midnight
      for (let at = open; at < close; at += PICKUP_SLOT_MINUTES) {
        const start = dayStart + at * MINUTE;
        const end = dayStart + Math.min(at + PICKUP_SLOT_MINUTES, close) * MINUTE;
        if (!slots.has(start)) slots.set(start, { start: new Date(start), end: new Date(end) });
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The end of the last day slots are offered for (exclusive). */
function horizon(now: Date): number {
  return shanghaiDateStart(shanghaiDate(now)).getTime() + PICKUP_SLOT_DAYS * DAY;
}

/** The slots a customer can choose now: from `now` + preparation time to the end of tomorrow. */
export function pickupSlots(hours: OpeningHours, now: Date): PickupSlot[] {
  const earliest = now.getTime() + PICKUP_PREPARATION_MINUTES * MINUTE;
  const last = horizon(now);
  return allSlots(hours, now).filter((s) => s.start.getTime() >= earliest && s.start.getTime() < last);
}

/** Null when the slot is one on offer now, else why not (most actionable reason first). */
export function refuseSlot(hours: OpeningHours, now: Date, slot: PickupSlot): SlotRefusal | null {
  const start = slot.start.getTime();
  const end = slot.end.getTime();
  if (pickupSlots(hours, now).some((s) => s.start.getTime() === start && s.end.getTime() === end)) return null;
  if (start < now.getTime() + PICKUP_PREPARATION_MINUTES * MINUTE) return 'past';
  if (start >= horizon(now)) return 'too_far';
  // Open at both ends: only off the grid (or longer than a slot); otherwise the store is closed then.
  return isOpenAt(hours, slot.start) && isOpenAt(hours, new Date(end - MINUTE)) ? 'not_offered' : 'closed';
}
