/**
 * Expected failures carry a kind (which decides the HTTP status), a stable English code for
 * programs and a Chinese message for users. One table maps kinds to statuses.
 */
export const STATUS_BY_KIND = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof STATUS_BY_KIND;

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** For 429s: seconds until trying again makes sense, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS_BY_KIND[this.kind];
  }
}

export const errors = {
  validation: (message = '请求参数不正确', details?: unknown) => new AppError('validation', 'VALIDATION_FAILED', message, details),
  unauthenticated: (message = '请先登录') => new AppError('unauthenticated', 'UNAUTHENTICATED', message),
  forbidden: (message = '没有权限进行此操作') => new AppError('forbidden', 'FORBIDDEN', message),
  notFound: (code = 'NOT_FOUND', message = '请求的内容不存在') => new AppError('not_found', code, message),
  conflict: (code: string, message: string) => new AppError('conflict', code, message),
  rule: (code: string, message: string) => new AppError('business_rule', code, message),
  rateLimited: (message = '操作太频繁，请稍后再试', retryAfterSeconds?: number) =>
    new AppError('rate_limited', 'RATE_LIMITED', message, undefined, retryAfterSeconds),
};
