import type { SandboxContext } from '../context';

/**
 * WeChat Pay v3 errors: an HTTP status plus `{code, message, detail?}`. Statuses follow
 * wechat.md; the ones marked [unverified] could not be confirmed from a primary source.
 */
export const PAY_ERRORS = {
  PARAM_ERROR: [400, '参数错误'],
  INVALID_REQUEST: [400, '无效请求'],
  APPID_MCHID_NOT_MATCH: [400, 'appid和mch_id不匹配'],
  MCH_NOT_EXISTS: [400, '商户号不存在'],
  ORDER_CLOSED: [400, '订单已关闭'], // [unverified] status
  ORDERPAID: [400, '该订单已支付'], // [unverified] status
  SIGN_ERROR: [401, '签名错误'],
  NO_AUTH: [403, '商户无权限'],
  NOT_ENOUGH: [403, '基本账户余额不足，请充值后重新发起'],
  USER_ACCOUNT_ABNORMAL: [403, '退款请求失败'], // [unverified] message
  TRADE_ERROR: [403, '交易错误'],
  RULE_LIMIT: [403, '业务规则限制'],
  ORDER_NOT_EXIST: [404, '订单不存在'],
  RESOURCE_NOT_EXISTS: [404, '资源不存在'],
  NOT_FOUND: [404, '请求的接口不存在'],
  FREQUENCY_LIMITED: [429, '频率超限'],
  SYSTEM_ERROR: [500, '系统繁忙，请稍后重试'],
  BANK_ERROR: [500, '银行系统异常'],
} as const satisfies Record<string, readonly [number, string]>;

export type PayErrorCode = keyof typeof PAY_ERRORS;

export function isPayErrorCode(code: string): code is PayErrorCode {
  return Object.prototype.hasOwnProperty.call(PAY_ERRORS, code);
}

export function payError(ctx: SandboxContext, code: PayErrorCode, message?: string, detail?: Record<string, unknown>): void {
  const [status, defaultMessage] = PAY_ERRORS[code];
  ctx.status = status;
  ctx.body = { code, message: message ?? defaultMessage, ...(detail ? { detail } : {}) };
}

/** The error code a bare HTTP status from an injected fault should carry. */
export function codeForStatus(status: number): PayErrorCode {
  const match = (Object.keys(PAY_ERRORS) as PayErrorCode[]).find((code) => PAY_ERRORS[code][0] === status);
  return status >= 500 || !match ? 'SYSTEM_ERROR' : match;
}
