/** Milliseconds from `now` until `target` (an ISO-8601 string), never negative. */
export function msUntil(target: string, now: number = Date.now()): number {
  const end = Date.parse(target);
  return Number.isNaN(end) ? 0 : Math.max(0, end - now);
}

/** Splits a duration into zero-padded hours, minutes and seconds; hours may exceed 24. */
export function clockParts(ms: number): [string, string, string] {
  const total = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return [pad(Math.floor(total / 3600)), pad(Math.floor((total % 3600) / 60)), pad(total % 60)];
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** "12月5日 20:00" in Asia/Shanghai, whatever the phone's time zone. */
export function formatShanghaiDateTime(iso: string): string {
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

function shanghaiParts(at: number): Date {
  return new Date(at + SHANGHAI_OFFSET_MS);
}

/** "2025-12-05 20:00" in Asia/Shanghai, for ledgers and records. */
export function formatShanghaiTimestamp(iso: string): string {
  const t = shanghaiParts(Date.parse(iso));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD (the business day, e.g. the latest birthday). */
export function shanghaiToday(now: number = Date.now()): string {
  return shanghaiParts(now).toISOString().slice(0, 10);
}

/** "1996-03-08" → "1996年3月8日". */
export function formatDateChinese(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
