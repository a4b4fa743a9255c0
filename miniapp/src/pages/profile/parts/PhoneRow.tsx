import { Button, Text, View } from '@tarojs/components';
import { phoneButtonProps } from '../../../platform/phone';
import { FormRow } from './FormRow';

interface PhoneRowProps {
  /** Masked, e.g. 138****0002; null when none is bound. */
  phone: string | null;
  busy: boolean;
  onCode: (code: string) => void;
  onError: (error: unknown) => void;
}

/** The bound number, and WeChat's phone button (the sandbox on H5) to bind or change it. */
export function PhoneRow({ phone, busy, onCode, onError }: PhoneRowProps) {
  return (
    <FormRow label="手机号" className="profile-phone">
      <View className="profile-phone__value">
        {phone ? (
          <Text className="form-row__text profile-phone__number">{phone}</Text>
        ) : (
          <Text className="form-row__placeholder">未绑定</Text>
        )}
        {/* `disabled={false}` would still render the attribute, and Taro's H5 styles match on it. */}
        <Button className="profile-phone__button" disabled={busy || undefined} {...phoneButtonProps(onCode, onError)}>
          {busy ? '绑定中…' : phone ? '更换' : '去绑定'}
        </Button>
      </View>
    </FormRow>
  );
}
