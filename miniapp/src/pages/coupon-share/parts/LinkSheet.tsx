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

/** 分享给好友 where there is no WeChat share sheet (H5): the pack's link, to copy and send. */
export function LinkSheet({ open, link, onClose }: LinkSheetProps) {
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="分享给好友"
      className="share-link-sheet"
      footer={
        <PillButton block disabled={!link} onClick={() => link && void copyText(link).catch(() => undefined)}>
          复制链接
        </PillButton>
      }
    >
      <Text className="share-link-sheet__hint">复制链接发给好友，好友打开即可领券</Text>
      <View className="share-link-sheet__box">
        <Text className="share-link-sheet__link" selectable>
          {link ?? '正在生成分享链接…'}
        </Text>
      </View>
    </BottomSheet>
  );
}
