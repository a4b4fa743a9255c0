import { Text, View } from '@tarojs/components'
import type { ProductDetail } from '../../../services/catalog'
import { formatFen } from '../../../utils/money'
import { openPage } from '../../../utils/navigate'
import { EndsIn } from './EndsIn'

/** 拼团 and 直播 prices running on this product, one row each (秒杀 has its own banner). */
export function ActivityStrip({ activities }: { activities: ProductDetail['activities'] }) {
  const { groupBuys, live } = activities
  if (groupBuys.length === 0 && !live) return null
  return (
    <View className='product-activities card'>
      {groupBuys.map((group) => (
        <View key={group.id} className='product-activity' onClick={() => openPage(`/pages/group/campaign?id=${group.id}`)}>
          <Text className='product-activity__badge'>拼团</Text>
          <View className='product-activity__text'>
            <Text className='product-activity__main'>
              拼团价 <Text className='product-activity__price'>¥{formatFen(group.groupPriceFen)}</Text> · {group.groupSize}人团
            </Text>
            {group.leaderPriceFen != null && (
              <Text className='product-activity__sub'>开团当团长，团长价 ¥{formatFen(group.leaderPriceFen)}</Text>
            )}
          </View>
          <View className='product-activity__side'>
            <Text className='product-activity__side-label'>距结束</Text>
            <EndsIn target={group.endsAt} />
          </View>
        </View>
      ))}
      {live && (
        <View className='product-activity' onClick={() => openPage(`/pages/live/detail?id=${live.liveRoomId}`)}>
          <Text className='product-activity__badge product-activity__badge--live'>直播</Text>
          <View className='product-activity__text'>
            <Text className='product-activity__main'>
              直播价 <Text className='product-activity__price'>¥{formatFen(live.livePriceFen)}</Text>
            </Text>
            <Text className='product-activity__sub'>{live.title} · 直播中下单专享</Text>
          </View>
          <View className='product-activity__side'>
            <Text className='product-activity__go'>去直播间</Text>
            <View className='chevron product-activity__chevron' />
          </View>
        </View>
      )}
    </View>
  )
}
