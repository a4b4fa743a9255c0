/**
 * How WeChat Pay calls and notifications fail. Callers map these to user-facing errors; nothing
 * here carries a secret (no keys, no Authorization header, no decrypted resource).
 */

/** Failures worth retrying with the same out_trade_no / out_refund_no (every call is idempotent on them). */
const RETRYABLE_CODES = new Set(['NETWORK', 'SYSTEM_ERROR', 'BANK_ERROR', 'FREQUENCY_LIMITED', 'BAD_RESPONSE_SIGNATURE']);

/**
 * A WeChat Pay API call that did not succeed. `status`/`code`/`detail` are WeChat's own
 * (`{code, message, detail}`, e.g. 400 INVALID_REQUEST, 404 ORDER_NOT_EXIST, 500 SYSTEM_ERROR), or ours:
 * - NETWORK: no answer (refused, reset, timed out); `status` is undefined.
 * - BAD_RESPONSE_SIGNATURE: an answer whose Wechatpay-Signature does not verify; nothing in it is trusted.
 * - HTTP_ERROR: an unsigned failure (e.g. a proxy's 502); trusted only as "it failed".
 * - BAD_RESPONSE: a verified answer that is not what the API documents.
 */
export class WechatPayError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly code: string,
    message: string,
    readonly detail?: unknown,
    /** WeChat's Request-ID, which WeChat Pay support asks for. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'WechatPayError';
  }

  get retryable(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429 || RETRYABLE_CODES.has(this.code);
  }
}

export type RejectionReason = 'bad_signature' | 'stale_timestamp' | 'unknown_serial' | 'bad_ciphertext' | 'malformed';

/**
 * A callback that must not be acted on: answer it with a 4xx (WeChat's probes expect that; a real
 * notification is retried by WeChat). A transient failure on our side (e.g. platform certificates
 * could not be downloaded) is thrown as WechatPayError instead, so the route can answer 5xx.
 */
export class NotificationRejected extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'NotificationRejected';
  }
}
