import { Image, Text, View } from '@tarojs/components';
import { Price } from '../../../components/Price';
import type { GroupDetail } from '../../../services/groupbuy';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';

/** What the group buys: picture, title, spec, the group price against buying alone. */
export function GroupProduct({ group, onOpen }: { group: GroupDetail; onOpen: () => void }) {
  const { campaign } = group;
  return (
    <View className="group-product card" hoverClass="group-product--pressed" onClick={onOpen}>
      <Image className="group-product__image" src={mediaUrl(campaign.imageUrl)} mode="aspectFill" />
      <View className="group-product__body">
        <Text className="group-product__title">{campaign.title}</Text>
        <View className="group-product__chips">
          <Text className="group-product__chip">{group.groupSize}人团</Text>
          {campaign.newCustomersOnly && <Text className="group-product__chip group-product__chip--soft">新人专享</Text>}
          {campaign.specText && <Text className="group-product__spec">{campaign.specText}</Text>}
        </View>
        <View className="group-product__prices">
          <Text className="group-product__price-label">拼团价</Text>
          <Price fen={campaign.groupPriceFen} />
          <Text className="group-product__alone">
            单买价 <Text className="group-product__struck">¥{formatFen(campaign.listPriceFen)}</Text>
          </Text>
        </View>
        {campaign.leaderPriceFen != null && <Text className="group-product__leader">团长开团价 ¥{formatFen(campaign.leaderPriceFen)}</Text>}
      </View>
    </View>
  );
}
