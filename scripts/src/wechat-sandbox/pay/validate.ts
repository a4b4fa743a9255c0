import { utf8Length } from '../http';

/**
 * Field rules from WeChat Pay's docs (see wechat.md). Each rule returns a problem description or
 * undefined; the first problem becomes a 400 PARAM_ERROR naming the field, as WeChat's do.
 */

export type FieldProblem = { field: string; issue: string };

export const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;
export const OUT_REFUND_NO = /^[A-Za-z0-9_\-|*@]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * notify_url must be reachable https without a query string. The sandbox also accepts plain
 * http to this machine, because the BFF runs locally in dev and tests.
 */
export function notifyUrlProblem(value: unknown, field = 'notify_url'): FieldProblem | undefined {
  if (typeof value !== 'string' || value.length === 0) return { field, issue: '必填' };
  if (utf8Length(value) > 255) return { field, issue: '长度不能超过255' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { field, issue: '不是合法的URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) return { field, issue: '必须为https地址' };
  if (url.search || url.hash) return { field, issue: '不能携带参数' };
  return undefined;
}

export function stringProblem(value: unknown, field: string, opts: { required: boolean; maxBytes: number }): FieldProblem | undefined {
  if (value === undefined || value === null) return opts.required ? { field, issue: '必填' } : undefined;
  if (typeof value !== 'string') return { field, issue: '类型必须为string' };
  if (opts.required && value.length === 0) return { field, issue: '不能为空' };
  if (utf8Length(value) > opts.maxBytes) return { field, issue: `长度不能超过${opts.maxBytes}字节` };
  return undefined;
}

export function positiveIntProblem(value: unknown, field: string): FieldProblem | undefined {
  if (value === undefined) return { field, issue: '必填' };
  if (typeof value !== 'number' || !Number.isInteger(value)) return { field, issue: '必须为整数（单位：分）' };
  if (value < 1) return { field, issue: '必须大于0' };
  return undefined;
}

export function currencyProblem(value: unknown, field: string, required: boolean): FieldProblem | undefined {
  if (value === undefined) return required ? { field, issue: '必填' } : undefined;
  return value === 'CNY' ? undefined : { field, issue: '境内商户仅支持CNY' };
}

export function timeExpireProblem(value: unknown): FieldProblem | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    return { field: 'time_expire', issue: '格式必须为rfc3339，例如2018-06-08T10:34:56+08:00' };
  }
  return undefined;
}

export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** JSON with sorted keys: two prepay requests are "the same" when this matches. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function firstProblem(...problems: (FieldProblem | undefined)[]): FieldProblem | undefined {
  return problems.find((p) => p !== undefined);
}
