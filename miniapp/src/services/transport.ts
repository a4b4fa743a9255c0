import Taro from '@tarojs/taro';
import { apiBase } from '../config';
import type { ErrorBody } from './api';
import { ApiError } from './errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Call {
  /** Path below `base`, e.g. `/api/categories`. */
  path: string;
  method: Method;
  /** JSON body for writes, query parameters for GET. */
  data?: unknown;
  header?: Record<string, string>;
  /** Defaults to the BFF; the H5 login also talks to the WeChat sandbox. */
  base?: string;
  /** Skip the error toast; the caller shows the failure itself (read by services/http.ts). */
  silent?: boolean;
}

const TIMEOUT_MS = 15_000;

/**
 * One HTTP round trip with no session logic: resolves with the JSON body of a 2xx answer and
 * rejects with an `ApiError` for anything else. `services/http.ts` layers the session on top.
 */
export async function send(call: Call): Promise<unknown> {
  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: `${call.base ?? apiBase}${call.path}`,
      method: call.method,
      data: (call.method === 'GET' ? withoutUndefined(call.data) : call.data) as Taro.request.Option['data'],
      // No Content-Type on GET: a plain GET needs no CORS preflight on H5.
      header: call.method === 'GET' ? call.header : { 'Content-Type': 'application/json', ...call.header },
      dataType: 'json',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', '网络不给力，请检查网络后重试', 0);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data;
  throw toApiError(response.statusCode, response.data);
}

function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(body.code, body.message, status);
  const message = status >= 500 ? '服务开小差了，请稍后重试' : '请求失败，请稍后重试';
  return new ApiError('BAD_RESPONSE', message, status);
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { code, message } = body as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** Query objects may leave options unset; do not send them as the text "undefined". */
function withoutUndefined(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
}
