import { Text, View } from '@tarojs/components';
import { BottomSheet } from '../../../components/BottomSheet';
import { PillButton } from '../../../components/PillButton';
import { copyText } from '../../../platform/share';

interface ShareSheetProps {
  open: boolean;
  title: string;
  /** The product's link with the sharer tagged (platform/share.ts shareLink + withSharer). */
  link: string;
  onClose: () => void;
}

/** 分享给好友 where there is no WeChat share sheet (H5): the product's link, to copy and send. */
export function ShareSheet({ open, title, link, onClose }: ShareSheetProps) {
  return (
    <BottomSheet
      open={open}
      onClose={onClose}
      title="分享给好友"
      className="product-share-sheet"
      footer={
        <PillButton block onClick={() => void copyText(`${title} ${link}`).catch(() => undefined)}>
          复制链接
        </PillButton>
      }
    >
      <Text className="product-share-sheet__hint">复制链接发给好友，好友打开即可看到这件商品</Text>
      <View className="product-share-sheet__box">
        <Text className="product-share-sheet__title">{title}</Text>
        <Text className="product-share-sheet__link" selectable>
          {link}
        </Text>
      </View>
    </BottomSheet>
  );
}
