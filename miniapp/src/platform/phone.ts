import type { ButtonProps } from '@tarojs/components';
import { ApiError } from '../services/errors';

type PhoneButtonProps = Pick<ButtonProps, 'openType' | 'onGetPhoneNumber' | 'onClick'>;

/**
 * Props for the Button that binds a phone number. On weapp it is WeChat's getPhoneNumber
 * button: the user picks a number in WeChat's sheet and the event carries a one-time `code`
 * for POST /api/me/phone. On H5 (dev and tests) a tap asks the local WeChat sandbox for the
 * code WeChat would have issued for the demo account (platform/sandbox.ts; the build constant
 * keeps it out of a weapp build).
 */
export const phoneButtonProps: (onCode: (code: string) => void, onError: (error: ApiError) => void) => PhoneButtonProps = WECHAT_SANDBOX
  ? (onCode, onError) => ({
      onClick: () => {
        import('./sandbox')
          .then((sandbox) => sandbox.phoneCode())
          .then(onCode, (error: unknown) => onError(error instanceof ApiError ? error : unavailable()));
      },
    })
  : (onCode, onError) => ({
      openType: 'getPhoneNumber',
      onGetPhoneNumber: (event) => {
        const { code, errMsg } = event.detail;
        if (code) onCode(code);
        else onError(phoneError(errMsg));
      },
    });

/** Why WeChat gave no code: the customer cancelled, refused the privacy agreement, or it failed. */
export function phoneError(errMsg: string): ApiError {
  // The privacy agreement (用户隐私保护提示, platform/privacy.ts) was refused: WeChat withholds the number.
  if (/privacy/i.test(errMsg)) return new ApiError('PHONE_PRIVACY_REFUSED', '同意隐私保护指引后才能使用微信手机号', 0);
  if (errMsg.includes('deny') || errMsg.includes('cancel')) return new ApiError('PHONE_DENIED', '已取消授权手机号', 0);
  return unavailable();
}

const unavailable = () => new ApiError('PHONE_UNAVAILABLE', '获取手机号失败，请稍后重试', 0);
