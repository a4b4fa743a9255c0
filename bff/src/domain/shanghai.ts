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
