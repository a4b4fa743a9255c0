import { Text, View } from '@tarojs/components';
import type { ProductDetail } from '../../../services/catalog';
import { formatFen } from '../../../utils/money';
import { openPage } from '../../../utils/navigate';
import { upcomingRoutes } from '../../../routes';

/** 直播 price running on this product (拼团 has its own block, 秒杀 its banner). */
export function ActivityStrip({ activities }: { activities: ProductDetail['activities'] }) {
  const { live } = activities;
  if (!live) return null;
  return (
    <View className="product-activities card">
      <View className="product-activity" onClick={() => openPage(upcomingRoutes.live({ id: live.liveRoomId }))}>
        <Text className="product-activity__badge product-activity__badge--live">直播</Text>
        <View className="product-activity__text">
          <Text className="product-activity__main">
            直播价 <Text className="product-activity__price">¥{formatFen(live.livePriceFen)}</Text>
          </Text>
          <Text className="product-activity__sub">{live.title} · 直播中下单专享</Text>
        </View>
        <View className="product-activity__side">
          <Text className="product-activity__go">去直播间</Text>
          <View className="chevron product-activity__chevron" />
        </View>
      </View>
    </View>
  );
}
