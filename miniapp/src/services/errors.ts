/** Client-side codes for failures that never reached the BFF's error body. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';

/**
 * A failed API call. `code` is the BFF's stable identifier (e.g. `OUT_OF_STOCK`) or a
 * client-side one; `message` is Chinese and safe to show; `status` is 0 when the request
 * never got an HTTP answer.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
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
