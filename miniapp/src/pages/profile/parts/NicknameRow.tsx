import { Input } from '@tarojs/components';
import { nicknameInputType } from '../../../platform/profile';
import { NICKNAME_MAX } from '../useProfileForm';
import { FormRow } from './FormRow';

interface NicknameRowProps {
  value: string;
  onChange: (value: string) => void;
}

export function NicknameRow({ value, onChange }: NicknameRowProps) {
  return (
    <FormRow label="昵称">
      <Input
        className="form-row__input profile-nickname"
        type={nicknameInputType}
        value={value}
        maxlength={NICKNAME_MAX}
        placeholder="请输入昵称"
        placeholderClass="form-row__placeholder"
        onInput={(event) => onChange(event.detail.value)}
        // weapp's nickname keyboard may fill the field without an input event.
        onBlur={(event) => onChange(event.detail.value)}
      />
    </FormRow>
  );
}
