import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import { SectionHeader } from '../../../components/SectionHeader';
import type { GroupBuy } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

const MAX_ROWS = 3;

/** 拼团: a few running campaigns, one per row. */
export function GroupBuySection({ campaigns }: { campaigns: GroupBuy[] }) {
  const open = (campaign: GroupBuy) => openPage(routes.product({ id: campaign.productId, skuId: campaign.skuId }));
  return (
    <View className="home-section card">
      <SectionHeader
        title="拼团"
        extra={<Text className="home-section__hint">好友一起买，更划算</Text>}
        onMore={() => openPage(routes.groups())}
      />
      {campaigns.slice(0, MAX_ROWS).map((campaign) => (
        <View key={campaign.id} className="home-group" onClick={() => open(campaign)}>
          <Image className="home-group__image" src={mediaUrl(campaign.imageUrl)} mode="aspectFill" lazyLoad />
          <View className="home-group__body">
            <Text className="home-group__title">{campaign.title}</Text>
            <View className="home-group__chips">
              <Text className="home-group__size">{campaign.groupSize}人团</Text>
              {campaign.leaderPriceFen != null && <Text className="home-group__leader">团长价 ¥{formatFen(campaign.leaderPriceFen)}</Text>}
            </View>
            <View className="home-group__foot">
              <View className="home-group__price">
                <Text className="home-group__price-label">拼团价</Text>
                <Price fen={campaign.groupPriceFen} listFen={campaign.listPriceFen} size="sm" />
              </View>
              <Text className="home-group__join">去拼团</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  );
}
