import { shanghaiWallClock } from './shanghai';

/** Opening hours per weekday in Asia/Shanghai local time ("HH:mm"; close may pass midnight). */
export type OpeningHours = { weekday: number; open: string; close: string }[];

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Weekday (0 = Sunday) and minute of the day in Asia/Shanghai. */
function shanghaiClock(at: Date): { weekday: number; minute: number } {
  const local = shanghaiWallClock(at);
  return { weekday: local.getUTCDay(), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

export function isOpenAt(hours: OpeningHours, at: Date): boolean {
  const { weekday, minute } = shanghaiClock(at);
  const yesterday = (weekday + 6) % 7;
  return hours.some((slot) => {
    const open = minutesOf(slot.open);
    const close = minutesOf(slot.close);
    if (close > open) return slot.weekday === weekday && minute >= open && minute < close;
    // Past midnight: open on its own day from `open`, and on the next day until `close`.
    return (slot.weekday === weekday && minute >= open) || (slot.weekday === yesterday && minute < close);
  });
}

/** "09:30-22:00" for the Asia/Shanghai day of `at`, or null when closed all day. */
export function hoursOn(hours: OpeningHours, at: Date): string | null {
  const { weekday } = shanghaiClock(at);
  const today = hours.filter((slot) => slot.weekday === weekday);
  return today.length ? today.map((slot) => `${slot.open}-${slot.close}`).join(', ') : null;
}
