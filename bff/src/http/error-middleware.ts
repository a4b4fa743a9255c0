import type { Middleware } from 'koa';
import { ZodError } from 'zod';
import { AppError } from './errors';
import type { AppState } from './context';
import { isBackendUnavailable } from './unavailable';
import { isLocaleMessage } from './zod-locale';

export type ErrorBody = { code: string; message: string; requestId?: string; details?: unknown };

/** Client errors raised by Koa and its middleware (http-errors), with our code and Chinese message. */
const HTTP_CLIENT_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确' },
  404: { code: 'NOT_FOUND', message: '请求的内容不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方式' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求格式' },
};
const ROUTE_NOT_FOUND: ErrorBody = { code: 'ROUTE_NOT_FOUND', message: '接口不存在' };
const INTERNAL: ErrorBody = { code: 'INTERNAL_ERROR', message: '服务繁忙，请稍后再试' };
/** MariaDB or Redis is down or restarting (http/unavailable.ts): nothing was written, try again shortly. */
const UNAVAILABLE: ErrorBody = { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' };

/** Turns anything thrown below into `{ code, message }` with the right status; never leaks internals. */
export function errorMiddleware(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      // No route matched (404) or the router refused the method (405): still answer in our format.
      if (ctx.body === undefined && ctx.status >= 400) {
        const status = ctx.status;
        const body = status === 404 ? ROUTE_NOT_FOUND : (HTTP_CLIENT_ERRORS[status] ?? INTERNAL);
        ctx.body = { ...body, requestId: ctx.state.requestId };
        ctx.status = status;
      }
    } catch (err) {
      const { status, body } = toResponse(err);
      if (status >= 500) ctx.state.log?.error({ err }, 'unhandled error');
      if (err instanceof AppError && err.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(err.retryAfterSeconds));
      ctx.status = status;
      ctx.body = { ...body, requestId: ctx.state.requestId };
    }
  };
}

export function toResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { code: err.code, message: err.message };
    if (err.details !== undefined) body.details = err.details;
    return { status: err.status, body };
  }
  if (err instanceof ZodError) {
    // A rule written for users (in Chinese) is the message; zod's own wording (its zh-CN locale,
    // http/zod-locale.ts) names types and stays in details.
    const written = err.issues.find((issue) => !isLocaleMessage(issue) && /[\u4e00-\u9fff]/.test(issue.message));
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: written?.message ?? '请求参数不正确',
        details: err.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      },
    };
  }
  if (isBackendUnavailable(err)) return { status: 503, body: { ...UNAVAILABLE } };
  const status = httpStatusOf(err);
  const known = status !== undefined ? HTTP_CLIENT_ERRORS[status] : undefined;
  if (status !== undefined && known) return { status, body: { ...known } };
  return { status: 500, body: { ...INTERNAL } };
}

/** Status of an http-errors style error (Koa's ctx.throw, body parser) when it is meant for the client. */
function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, expose } = err as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}
