import { createHash } from 'node:crypto';
import { errors, type AppError } from './errors';

/**
 * What an Idempotency-Key promises: one key names one request (docs/decisions/0009). The owning
 * row stores this fingerprint beside the key, so a retry (same route, same body) answers the
 * first result and the same key with another body is refused instead of answering a result the
 * caller did not ask for.
 *
 * The body is the validated one (zod defaults applied), written as JSON with its object keys
 * sorted and undefined members dropped: key order and whitespace do not change the fingerprint,
 * any value does. Array order counts (lines are ordered).
 */
export function requestFingerprint(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body)}`)
    .digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * Throws when a stored fingerprint names another request. A row written before fingerprints
 * were stored (NULL) answers as a retry, as it did then.
 */
export function assertSameRequest(stored: string | null, fingerprint: string, what: string): void {
  if (stored !== null && stored !== fingerprint) throw keyReused(what);
}

/** 422 IDEMPOTENCY_KEY_REUSED: `what` names the thing the key already made (订单, 收银, 退款申请, 兑换). */
export function keyReused(what: string): AppError {
  return errors.rule('IDEMPOTENCY_KEY_REUSED', `该请求编号已用于另一笔不同的${what}，请重新提交`);
}
