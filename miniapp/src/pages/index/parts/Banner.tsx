import { Image, Text, View } from '@tarojs/components'
import storeImage from '../../../assets/banner-store.png'

/** The standing promise of the shop: buy online, collect at a nearby store. */
export function Banner() {
  return (
    <View className='home-banner'>
      <View className='home-banner__copy'>
        <Text className='home-banner__title'>线上下单 · 门店自提</Text>
        <Text className='home-banner__subtitle'>就近门店备货，凭提货码到店即取</Text>
        <View className='home-banner__tags'>
          <Text className='home-banner__tag'>会员专享价</Text>
          <Text className='home-banner__tag'>消费得积分</Text>
        </View>
      </View>
      <Image className='home-banner__art' src={storeImage} />
    </View>
  )
}
