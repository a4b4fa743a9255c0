import { AppError } from '../http/errors';
import { WechatApiError } from './ports';

/**
 * WeChat's error codes, translated for our users. WeChat's own messages are never passed on;
 * anything unexpected (including our own misconfiguration) is "service unavailable".
 */
const BY_ERRCODE: Record<number, () => AppError> = {
  40029: () => new AppError('unauthenticated', 'INVALID_LOGIN_CODE', '登录已失效，请重新登录'),
  40163: () => new AppError('unauthenticated', 'INVALID_LOGIN_CODE', '登录已失效，请重新登录'),
  45011: () => new AppError('rate_limited', 'RATE_LIMITED', '操作太频繁，请稍后再试'),
  40226: () => new AppError('forbidden', 'WECHAT_RISKY_USER', '当前微信账号存在风险，暂时无法登录'),
  [-1]: () => new AppError('unavailable', 'WECHAT_BUSY', '微信服务繁忙，请稍后再试'),
};

export function mapWechatError(err: unknown, overrides: Record<number, () => AppError> = {}): AppError {
  if (err instanceof WechatApiError) {
    const make = overrides[err.errcode] ?? BY_ERRCODE[err.errcode];
    if (make) return make();
  }
  return new AppError('unavailable', 'WECHAT_UNAVAILABLE', '微信服务暂不可用，请稍后再试');
}
