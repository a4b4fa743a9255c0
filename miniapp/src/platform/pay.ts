import Taro from '@tarojs/taro';
import { sandboxBase } from '../config';
import type { Schema } from '../services/api';
import { ApiError } from '../services/errors';
import { send } from '../services/transport';

/** The `payment` object of POST /api/orders and /api/orders/:id/pay. */
export type PaymentParams = NonNullable<Schema<'CreatedOrder'>['payment']>;

/**
 * Opens the WeChat Pay sheet. Resolving only means the customer finished the sheet: the
 * order is paid when the BFF says so (it learns from WeChat's notification), so callers
 * re-read the order afterwards instead of trusting this.
 */
export async function pay(params: PaymentParams): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      await Taro.requestPayment(params);
    } catch (error) {
      throw isCancel(error) ? new ApiError('PAY_CANCELLED', '已取消支付', 0) : new ApiError('PAY_FAILED', '支付未完成，请稍后重试', 0);
    }
    return;
  }
  // H5 (dev and tests): a button stands in for WeChat's pay sheet, and the local WeChat
  // sandbox plays the customer paying in WeChat (it then notifies the BFF like WeChat does).
  const { confirm } = await Taro.showModal({
    title: '微信支付（本地沙箱）',
    content: '浏览器中无法调起微信支付，点击确认支付由沙箱模拟顾客完成付款',
    confirmText: '确认支付',
    cancelText: '取消',
  });
  if (!confirm) throw new ApiError('PAY_CANCELLED', '已取消支付', 0);
  await send({
    base: sandboxBase,
    path: '/sandbox/pay/confirm',
    method: 'POST',
    data: { prepay_id: params.package.replace(/^prepay_id=/, '') },
  });
}

function isCancel(error: unknown): boolean {
  const errMsg = (error as { errMsg?: unknown } | null)?.errMsg;
  return typeof errMsg === 'string' && errMsg.includes('cancel');
}
