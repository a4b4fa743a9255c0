import type { ButtonProps, InputProps } from '@tarojs/components';
import { ApiError } from '../services/errors';

/** Whether this platform lets the member pick a new avatar (WeChat's chooseAvatar button). */
export const canChooseAvatar = process.env.TARO_ENV === 'weapp';

type AvatarButtonProps = Pick<ButtonProps, 'openType' | 'onChooseAvatar'>;

/** Props for WeChat's chooseAvatar Button; `onChosen` gets a temporary local file path. */
export function avatarButtonProps(onChosen: (tempPath: string) => void): AvatarButtonProps {
  return {
    openType: 'chooseAvatar',
    onChooseAvatar: (event) => {
      const { avatarUrl } = event.detail as { avatarUrl?: string };
      if (avatarUrl) onChosen(avatarUrl);
    },
  };
}

/**
 * Turns the temporary file chooseAvatar returns into a URL other people's phones can load.
 * The BFF has no upload endpoint yet (a temp path is only valid on this phone, so it must not
 * be saved as the avatar): until it has one this rejects, and the profile keeps its avatar.
 */
export async function uploadAvatar(_tempPath: string): Promise<string> {
  throw new ApiError('AVATAR_UPLOAD_UNAVAILABLE', '头像上传功能即将上线', 0);
}

/** weapp's nickname keyboard offers the WeChat nickname with one tap; H5 has a text field. */
export const nicknameInputType: InputProps['type'] = process.env.TARO_ENV === 'weapp' ? 'nickname' : 'text';
