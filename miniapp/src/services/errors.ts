import type { ErrorCode } from './api';

/** Client-side codes for failures that never reached the BFF's error body (network, the platform's own sheets and APIs). */
export type ClientErrorCode =
  | 'NETWORK_ERROR'
  | 'BAD_RESPONSE'
  | 'PAY_CANCELLED'
  | 'PAY_FAILED'
  | 'WECHAT_LOGIN_FAILED'
  | 'PHONE_DENIED'
  | 'PHONE_UNAVAILABLE'
  | 'PHONE_PRIVACY_REFUSED'
  | 'PRIVACY_REFUSED'
  | 'AVATAR_UPLOAD_UNAVAILABLE'
  | 'SCAN_CANCELLED'
  | 'SCAN_FAILED'
  | 'UNSUPPORTED';

/**
 * A failed API call. `code` is the BFF's stable identifier (e.g. `OUT_OF_STOCK`) or a
 * client-side one; `message` is Chinese and safe to show; `status` is 0 when the request
 * never got an HTTP answer.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Chinese text for any thrown value, for pages that show failures inline. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return '出了点问题，请稍后重试';
}
