import { Button, Image, Text } from '@tarojs/components';
import shareIcon from '../../../assets/product/share.png';
import { inviteButtonProps } from '../../../platform/share';

/**
 * 分享 beside the title. weapp: WeChat's share sheet with what the page's useShare set (the
 * capsule menu alone is easy to miss); H5: `onOtherwise` opens the link to copy.
 */
export function ShareButton({ onOtherwise }: { onOtherwise: () => void }) {
  return (
    <Button className="product-share" {...inviteButtonProps(onOtherwise)}>
      <Image className="product-share__icon" src={shareIcon} />
      <Text className="product-share__text">分享</Text>
    </Button>
  );
}
