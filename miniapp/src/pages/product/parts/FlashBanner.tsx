import { Text, View } from '@tarojs/components'
import type { FlashSaleActivity } from '../../../services/catalog'
import { formatFen } from '../../../utils/money'
import { formatShanghaiDateTime } from '../../../utils/time'
import { EndsIn } from './EndsIn'

/** The red 限时秒杀 band under the pictures: the flash price, and when it opens or ends. */
export function FlashBanner({ sale, onChange }: { sale: FlashSaleActivity; onChange: () => void }) {
  const [yuan, cents] = formatFen(sale.priceFen).split('.')
  return (
    <View className={`product-flash product-flash--${sale.state}`}>
      <View className='product-flash__main'>
        <Text className='product-flash__label'>限时秒杀</Text>
        <View className='product-flash__price'>
          <Text className='product-flash__symbol'>¥</Text>
          <Text className='product-flash__yuan'>{yuan}</Text>
          <Text className='product-flash__cents'>.{cents}</Text>
        </View>
      </View>
      <View className='product-flash__side'>
        {sale.state === 'upcoming' && (
          <>
            <Text className='product-flash__when'>{formatShanghaiDateTime(sale.startsAt)} 开抢</Text>
            <View className='product-flash__clock'>
              <Text className='product-flash__clock-label'>距开抢</Text>
              <EndsIn target={sale.startsAt} onEnd={onChange} tone='light' />
            </View>
          </>
        )}
        {sale.state === 'running' && (
          <>
            <Text className='product-flash__when'>仅剩 {sale.remaining} 件</Text>
            <View className='product-flash__clock'>
              <Text className='product-flash__clock-label'>距结束</Text>
              <EndsIn target={sale.endsAt} onEnd={onChange} tone='light' />
            </View>
          </>
        )}
        {sale.state === 'sold_out' && (
          <>
            <Text className='product-flash__soldout'>已抢光</Text>
            <Text className='product-flash__when'>下次早点来哦</Text>
          </>
        )}
      </View>
    </View>
  )
}
