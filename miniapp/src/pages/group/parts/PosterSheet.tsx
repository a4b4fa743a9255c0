import { Image, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { BottomSheet } from '../../../components/BottomSheet';
import { Price } from '../../../components/Price';
import { groupQrCodeUrl, type GroupDetail } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';

interface PosterSheetProps {
  open: boolean;
  group: GroupDetail;
  /** The viewer: the code carries them as the sharer. */
  sharerId: number | null;
  onClose: () => void;
}

/**
 * 分享海报: the product, the group price and the group's mini-program code (drawn by the BFF with
 * the sharer in its scene); friends scan it to open this group.
 */
export function PosterSheet({ open, group, sharerId, onClose }: PosterSheetProps) {
  const { campaign } = group;
  const [codeFailed, setCodeFailed] = useState(false);
  useEffect(() => setCodeFailed(false), [open]);
  return (
    <BottomSheet open={open} onClose={onClose} title="分享海报" className="group-poster-sheet">
      <View className="group-poster">
        <View className="group-poster__banner">
          <Text className="group-poster__brand">悦享生活</Text>
          <Text className="group-poster__slogan">
            {group.seatsLeft > 0 ? `还差${group.seatsLeft}人成团，就等你了` : '好友邀你一起拼团'}
          </Text>
        </View>
        <View className="group-poster__media">
          <Image className="group-poster__image" src={mediaUrl(campaign.imageUrl)} mode="aspectFill" />
        </View>
        <View className="group-poster__foot">
          <View className="group-poster__info">
            <Text className="group-poster__title">{campaign.title}</Text>
            <Text className="group-poster__chip">{group.groupSize}人团 · 人满即成团</Text>
            <View className="group-poster__price">
              <Text className="group-poster__price-label">拼团价</Text>
              <Price fen={campaign.groupPriceFen} size="lg" />
            </View>
            <Text className="group-poster__alone">
              单买价 <Text className="group-poster__struck">¥{formatFen(campaign.listPriceFen)}</Text>
            </Text>
          </View>
          <View className="group-poster__code">
            {codeFailed ? (
              <View className="group-poster__qr group-poster__qr--failed">小程序码加载失败</View>
            ) : (
              <Image
                className="group-poster__qr"
                src={groupQrCodeUrl(group.id, sharerId)}
                mode="aspectFit"
                showMenuByLongpress
                onError={() => setCodeFailed(true)}
              />
            )}
            <Text className="group-poster__scan">长按识别参团</Text>
          </View>
        </View>
      </View>
      <Text className="group-poster-sheet__tip">长按保存图片，发给好友或分享到朋友圈</Text>
    </BottomSheet>
  );
}
