/**
 * The business day and user-facing times are Asia/Shanghai (UTC+8, no daylight saving), while
 * everything is stored in UTC. This shifts an instant so its UTC fields read as Shanghai wall time.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export function shanghaiWallClock(at: Date): Date {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS);
}

/** "YYYY-MM-DDTHH:mm:ss" in Asia/Shanghai. */
export function shanghaiIso(at: Date): string {
  return shanghaiWallClock(at).toISOString().slice(0, 19);
}

/** The Asia/Shanghai calendar date, YYYY-MM-DD. */
export function shanghaiDate(at: Date): string {
  return shanghaiIso(at).slice(0, 10);
}

/** The UTC instant the Shanghai business day of `at` began (00:00 Asia/Shanghai). */
export function shanghaiDayStart(at: Date): Date {
  return new Date(Date.parse(`${shanghaiDate(at)}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of the Asia/Shanghai day `days` after the day of `at` (0 = that same day). */
export function shanghaiDayEnd(at: Date, days = 0): Date {
  return new Date(shanghaiDayStart(at).getTime() + (days + 1) * 24 * 3600_000 - 1);
}

/** 00:00 Asia/Shanghai of a calendar date "YYYY-MM-DD", as a UTC instant. */
export function shanghaiDateStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of a calendar date "YYYY-MM-DD" in Asia/Shanghai, as a UTC instant. */
export function shanghaiDateEnd(date: string): Date {
  return new Date(shanghaiDateStart(date).getTime() + 24 * 3600_000 - 1);
}
