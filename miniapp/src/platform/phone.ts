import type { ButtonProps } from '@tarojs/components';
import { sandboxBase } from '../config';
import { ApiError } from '../services/errors';
import { getDemoOpenid } from '../services/session';
import { send } from '../services/transport';

/** The number the H5 build binds: the sandbox has no real phones. */
export const DEMO_PHONE = '13800138000';

type PhoneButtonProps = Pick<ButtonProps, 'openType' | 'onGetPhoneNumber' | 'onClick'>;

/**
 * Props for the Button that binds a phone number. On weapp it is WeChat's getPhoneNumber
 * button: the user picks a number in WeChat's sheet and the event carries a one-time `code`
 * for POST /api/me/phone. On H5 (dev and tests) a tap asks the local WeChat sandbox for the
 * code WeChat would have issued for the demo account.
 */
export function phoneButtonProps(onCode: (code: string) => void, onError: (error: ApiError) => void): PhoneButtonProps {
  if (process.env.TARO_ENV === 'weapp') {
    return {
      openType: 'getPhoneNumber',
      onGetPhoneNumber: (event) => {
        const { code, errMsg } = event.detail;
        if (code) onCode(code);
        else onError(errMsg.includes('deny') || errMsg.includes('cancel') ? denied() : unavailable());
      },
    };
  }
  return {
    onClick: () => {
      sandboxPhoneCode().then(onCode, (error: unknown) => onError(error instanceof ApiError ? error : unavailable()));
    },
  };
}

async function sandboxPhoneCode(): Promise<string> {
  const query = `openid=${encodeURIComponent(getDemoOpenid())}&phone=${DEMO_PHONE}`;
  const reply = (await send({ base: sandboxBase, path: `/sandbox/phone-code?${query}`, method: 'GET' })) as { code: string };
  return reply.code;
}

const denied = () => new ApiError('PHONE_DENIED', '已取消授权手机号', 0);
const unavailable = () => new ApiError('PHONE_UNAVAILABLE', '获取手机号失败，请稍后重试', 0);
