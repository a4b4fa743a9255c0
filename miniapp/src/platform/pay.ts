import Taro from '@tarojs/taro';
import type { Schema } from '../services/api';
import { ApiError } from '../services/errors';

/** The `payment` object of POST /api/orders and /api/orders/:id/pay. */
export type PaymentParams = NonNullable<Schema<'CreatedOrder'>['payment']>;

/**
 * Opens the WeChat Pay sheet (on H5, the local sandbox's stand-in: platform/sandbox.ts, chosen by
 * the build constant so a weapp build carries none of it). Resolving only means the customer
 * finished the sheet: the order is paid when the BFF says so (it learns from WeChat's
 * notification), so callers re-read the order afterwards instead of trusting this.
 */
export const pay: (params: PaymentParams) => Promise<void> = WECHAT_SANDBOX
  ? (params) => import('./sandbox').then((sandbox) => sandbox.pay(params.package))
  : wechatPay;

async function wechatPay(params: PaymentParams): Promise<void> {
  try {
    await Taro.requestPayment(params);
  } catch (error) {
    throw isCancel(error) ? new ApiError('PAY_CANCELLED', '已取消支付', 0) : new ApiError('PAY_FAILED', '支付未完成，请稍后重试', 0);
  }
}

function isCancel(error: unknown): boolean {
  const errMsg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof errMsg === 'string' && errMsg.includes('cancel');
}
