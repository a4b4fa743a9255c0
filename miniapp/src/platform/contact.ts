import Taro from '@tarojs/taro';
import type { ButtonProps } from '@tarojs/components';

type ContactButtonProps = Pick<ButtonProps, 'openType' | 'onClick'>;

/**
 * Props for a 客服 Button. On weapp it opens WeChat's customer-service chat (open-type
 * "contact", answered in the 客服 console of the mini-program); elsewhere a tap calls
 * `onOtherwise` (the page offers the store's phone instead).
 */
export function contactButtonProps(onOtherwise: () => void): ContactButtonProps {
  if (process.env.TARO_ENV === 'weapp') return { openType: 'contact' };
  return { onClick: onOtherwise };
}

/** Dials the number (the system asks first); digits and dashes only, as the dialler wants. */
export async function callPhone(phone: string): Promise<void> {
  await Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d-]/g, '') });
}
