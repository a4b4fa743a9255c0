import crypto from 'node:crypto';

/** Random identifiers and timestamps in the shapes WeChat uses, so clients see realistic values. */

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALPHANUMERIC[crypto.randomInt(ALPHANUMERIC.length)];
  return out;
}

export function randomDigits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += crypto.randomInt(10).toString();
  return out;
}

/** WeChat Pay writes times as RFC 3339 in Beijing time: `2024-05-20T13:29:35+08:00`. */
export function wechatTime(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${beijing.toISOString().slice(0, 19)}+08:00`;
}

/** `yyyyMMddHHmmss` in Beijing time, the date prefix WeChat puts in prepay and transaction ids. */
function compactBeijing(date: Date): string {
  return wechatTime(date).slice(0, 19).replace(/[-T:]/g, '');
}

/** `wx` + timestamp + hex, 36 characters like `wx201410272009395522657a690389285100`. */
export function prepayId(now: Date): string {
  return `wx${compactBeijing(now)}${crypto.randomBytes(10).toString('hex')}`;
}

/** 28 digits like `4200001234202405201234567890`. */
export function transactionId(now: Date): string {
  return `42000${randomDigits(5)}${compactBeijing(now).slice(0, 8)}${randomDigits(10)}`;
}

/** 29 digits like `50000000382019052709732678859`. */
export function refundId(now: Date): string {
  return `503000${randomDigits(5)}${compactBeijing(now).slice(0, 8)}${randomDigits(10)}`;
}

/** WeChat appends `, rid: <id>` to errmsg so support can trace a call. */
export function rid(): string {
  const hex = crypto.randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

/** Request-ID header on WeChat Pay responses: long uppercase hex. */
export function requestId(): string {
  return crypto.randomBytes(20).toString('hex').toUpperCase();
}
