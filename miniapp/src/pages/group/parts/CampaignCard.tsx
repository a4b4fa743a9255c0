import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import type { GroupBuy } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';

/** One running campaign in the 拼团 list: picture, N人团, group price against buying alone. */
export function CampaignCard({ campaign, onOpen }: { campaign: GroupBuy; onOpen: () => void }) {
  const soldOut = campaign.remainingStock <= 0;
  return (
    <View className={`group-campaign card ${soldOut ? 'group-campaign--out' : ''}`} hoverClass="group-campaign--pressed" onClick={onOpen}>
      <View className="group-campaign__media">
        <Image className="group-campaign__image" src={mediaUrl(campaign.imageUrl)} mode="aspectFill" lazyLoad />
        <Text className="group-campaign__size">{campaign.groupSize}人团</Text>
      </View>
      <View className="group-campaign__body">
        <Text className="group-campaign__title">{campaign.title}</Text>
        <View className="group-campaign__tags">
          {campaign.newCustomersOnly && <Text className="group-campaign__tag">新人专享</Text>}
          {campaign.skus.length > 1 && <Text className="group-campaign__tag group-campaign__tag--plain">{campaign.skus.length}款可选</Text>}
          {campaign.leaderPriceFen != null && <Text className="group-campaign__tag">团长价 ¥{formatFen(campaign.leaderPriceFen)}</Text>}
          {campaign.perUserLimit > 0 && (
            <Text className="group-campaign__tag group-campaign__tag--plain">限购{campaign.perUserLimit}件</Text>
          )}
        </View>
        <View className="group-campaign__foot">
          <View className="group-campaign__prices">
            <Price fen={campaign.groupPriceFen} size="sm" />
            {campaign.listPriceFen != null && campaign.listPriceFen > campaign.groupPriceFen && (
              <Text className="group-campaign__alone">
                单买 <Text className="group-campaign__struck">¥{formatFen(campaign.listPriceFen)}</Text>
              </Text>
            )}
          </View>
          <Text className={`group-campaign__go ${soldOut ? 'group-campaign__go--off' : ''}`}>{soldOut ? '已拼光' : '去拼团'}</Text>
        </View>
      </View>
    </View>
  );
}
