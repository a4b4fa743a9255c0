import { Button, Text, View } from '@tarojs/components';
import { Avatar } from '../../../components/Avatar';
import { avatarButtonProps, canChooseAvatar } from '../../../platform/profile';

interface AvatarRowProps {
  avatarUrl: string;
  busy: boolean;
  onChosen: (tempPath: string) => void;
}

/** On weapp the whole row is WeChat's chooseAvatar button; H5 shows the avatar read-only. */
export function AvatarRow({ avatarUrl, busy, onChosen }: AvatarRowProps) {
  const content = (
    <>
      <Text className="form-row__label">头像</Text>
      <View className="form-row__value">
        {busy ? <Text className="form-row__placeholder">上传中…</Text> : <Avatar className="profile-avatar" src={avatarUrl} />}
        {!canChooseAvatar && <Text className="form-row__note">请在微信小程序中修改头像</Text>}
      </View>
      {canChooseAvatar && <View className="chevron form-row__chevron" />}
    </>
  );
  if (!canChooseAvatar) return <View className="form-row form-row--avatar">{content}</View>;
  return (
    <Button className="form-row form-row--avatar form-row--button" disabled={busy || undefined} {...avatarButtonProps(onChosen)}>
      {content}
    </Button>
  );
}
