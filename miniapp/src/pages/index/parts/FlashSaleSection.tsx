import { Image, ScrollView, Text, View } from '@tarojs/components'
import { Countdown } from '../../../components/Countdown'
import { Price } from '../../../components/Price'
import { SectionHeader } from '../../../components/SectionHeader'
import type { FlashSale } from '../../../services/flashsale'
import { openPage } from '../../../utils/navigate'

interface FlashSaleSectionProps {
  sales: FlashSale[]
  /** The running round ended or the next one opened: the list needs refreshing. */
  onRoundChange: () => void
}

/** 限时秒杀: the running round (or, between rounds, the next one) with its countdown. */
export function FlashSaleSection({ sales, onRoundChange }: FlashSaleSectionProps) {
  const now = Date.now()
  const running = sales.filter((sale) => Date.parse(sale.startsAt) <= now)
  const round = running.length > 0 ? running : sales
  const isRunning = running.length > 0
  const deadline = round
    .map((sale) => (isRunning ? sale.endsAt : sale.startsAt))
    .reduce((earliest, time) => (Date.parse(time) < Date.parse(earliest) ? time : earliest))

  return (
    <View className='home-section card'>
      <SectionHeader
        title='限时秒杀'
        extra={
          <View className='home-flash__clock'>
            <Text className='home-flash__clock-label'>{isRunning ? '距结束' : '距开抢'}</Text>
            <Countdown target={deadline} onEnd={onRoundChange} />
          </View>
        }
        onMore={() => openPage('/pages/flashsale/index')}
      />
      <ScrollView scrollX className='home-flash__scroller' enhanced showScrollbar={false}>
        {round.map((sale) => (
          <View
            key={sale.id}
            className='home-flash__item'
            onClick={() => openPage(`/pages/product/index?id=${sale.productId}&flashSaleId=${sale.id}`)}
          >
            <Image className='home-flash__image' src={sale.imageUrl} mode='aspectFill' lazyLoad />
            <Price fen={sale.priceFen} listFen={sale.listPriceFen} size='sm' />
            <View className='home-flash__progress'>
              <View className='home-flash__track'>
                <View className='home-flash__bar' style={{ width: `${sale.soldPercent}%` }} />
              </View>
              <Text className='home-flash__sold'>已抢{sale.soldPercent}%</Text>
            </View>
          </View>
        ))}
      </ScrollView>
    </View>
  )
}
