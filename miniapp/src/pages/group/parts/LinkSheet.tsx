import { Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import { BottomSheet } from '../../../components/BottomSheet';
import { copyText } from '../../../platform/share';

interface LinkSheetProps {
  open: boolean;
  /** null while the link is being made. */
  link: string | null;
  onClose: () => void;
}

/** 邀请好友 where there is no WeChat share sheet (H5): the group's link, to copy and send. */
export function LinkSheet({ open, link, onClose }: LinkSheetProps) {
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="邀请好友参团"
      className="group-link-sheet"
      footer={
        <PillButton block disabled={!link} onClick={() => link && void copyText(link).catch(() => undefined)}>
          复制链接
        </PillButton>
      }
    >
      <Text className="group-link-sheet__hint">复制链接发给好友，好友打开即可参团，人满即成团</Text>
      <View className="group-link-sheet__box">
        <Text className="group-link-sheet__link" selectable>
          {link ?? '正在生成邀请链接…'}
        </Text>
      </View>
    </BottomSheet>
  );
}
