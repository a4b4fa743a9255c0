import Taro from '@tarojs/taro';
import { sandboxBase } from '../config';
import { ApiError } from '../services/errors';
import { send } from '../services/transport';

/**
 * The local WeChat sandbox standing in for the WeChat client on H5 (dev and the browser tests):
 * it mints the codes wx.login / getPhoneNumber would have returned for a seeded demo account and
 * plays the customer paying. Only ever loaded as `import('./sandbox')` in a branch on the build
 * constant WECHAT_SANDBOX, which webpack drops from a weapp build, so none of this (nor the
 * sandbox's address) ships to WeChat (docs/architecture.md#production-builds).
 */

/** Which seeded demo account the sandbox signs in (tests set it; see scripts/src/e2e/harness.ts). */
const DEMO_OPENID_KEY = 'auth.demoOpenid';
/** The number the H5 build binds: the sandbox has no real phones. */
export const DEMO_PHONE = '13800138000';

function demoOpenid(): string {
  return Taro.getStorageSync<string>(DEMO_OPENID_KEY) || 'demo-customer-1';
}

/** The code `wx.login` would have returned. */
export async function loginCode(): Promise<string> {
  const reply = (await send({
    base: sandboxBase,
    path: `/sandbox/login-code?openid=${encodeURIComponent(demoOpenid())}`,
    method: 'GET',
  })) as { code: string };
  return reply.code;
}

/** The code the getPhoneNumber button would have carried. */
export async function phoneCode(): Promise<string> {
  const query = `openid=${encodeURIComponent(demoOpenid())}&phone=${DEMO_PHONE}`;
  const reply = (await send({ base: sandboxBase, path: `/sandbox/phone-code?${query}`, method: 'GET' })) as { code: string };
  return reply.code;
}

/**
 * A button stands in for WeChat's pay sheet, and the sandbox plays the customer paying in WeChat
 * (it then notifies the BFF as WeChat does).
 */
export async function pay(prepayPackage: string): Promise<void> {
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
    data: { prepay_id: prepayPackage.replace(/^prepay_id=/, '') },
  });
}
