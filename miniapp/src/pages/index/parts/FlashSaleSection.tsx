import { Image, ScrollView, Text, View } from '@tarojs/components';
import { Countdown } from '../../../components/Countdown';
import { Price } from '../../../components/Price';
import { SectionHeader } from '../../../components/SectionHeader';
import type { FlashSale } from '../../../services/flashsale';
import { mediaUrl } from '../../../utils/media';
import { openPage } from '../../../utils/navigate';
import { formatShanghaiDateTime } from '../../../utils/time';
import { routes } from '../../../routes';

interface FlashSaleSectionProps {
  sales: FlashSale[];
  /** The running round ended or the next one opened: the list needs refreshing. */
  onRoundChange: () => void;
}

/** Every slot of the section opens 限时秒杀, where each sale can be bought. */
const openFlashPage = () => openPage(routes.flash());

/** 限时秒杀: the running round (or, between rounds, the next one) with its countdown. */
export function FlashSaleSection({ sales, onRoundChange }: FlashSaleSectionProps) {
  const now = Date.now();
  const running = sales.filter((sale) => Date.parse(sale.startsAt) <= now);
  const round = running.length > 0 ? running : sales;
  const isRunning = running.length > 0;
  const deadline = round
    .map((sale) => (isRunning ? sale.endsAt : sale.startsAt))
    .reduce((earliest, time) => (Date.parse(time) < Date.parse(earliest) ? time : earliest));

  return (
    <View className="home-section card">
      <SectionHeader
        title="限时秒杀"
        extra={
          <View className="home-flash__clock">
            <Text className="home-flash__clock-label">{isRunning ? '距结束' : '距开抢'}</Text>
            <Countdown target={deadline} onEnd={onRoundChange} />
          </View>
        }
        onMore={openFlashPage}
      />
      {round.length === 1 ? (
        <WideSale sale={round[0]} />
      ) : (
        <ScrollView scrollX className="home-flash__scroller" enhanced showScrollbar={false}>
          {round.map((sale) => (
            <View
              key={sale.id}
              className={`home-flash__item ${sale.state === 'sold_out' ? 'home-flash__item--out' : ''}`}
              onClick={openFlashPage}
            >
              <View className="home-flash__media">
                <Image className="home-flash__image" src={mediaUrl(sale.imageUrl)} mode="aspectFill" lazyLoad />
                {sale.state === 'sold_out' && <Text className="home-flash__stamp">已抢光</Text>}
              </View>
              <Price fen={sale.priceFen} listFen={sale.listPriceFen} size="sm" />
              {sale.state === 'upcoming' ? (
                <Text className="home-flash__soon">即将开抢</Text>
              ) : (
                <View className="home-flash__progress">
                  <View className="home-flash__track">
                    <View className="home-flash__bar" style={{ width: `${sale.soldPercent}%` }} />
                  </View>
                  <Text className="home-flash__sold">已抢{sale.soldPercent}%</Text>
                </View>
              )}
            </View>
          ))}
        </ScrollView>
      )}
    </View>
  );
}

/** A round of one: a full-width row with its title and a call to action, not a lone tile. */
function WideSale({ sale }: { sale: FlashSale }) {
  const upcoming = sale.state === 'upcoming';
  const soldOut = sale.state === 'sold_out';
  return (
    <View className="home-flash__wide" onClick={openFlashPage}>
      <View className="home-flash__media">
        <Image className="home-flash__image" src={mediaUrl(sale.imageUrl)} mode="aspectFill" lazyLoad />
        {soldOut && <Text className="home-flash__stamp">已抢光</Text>}
      </View>
      <View className="home-flash__wide-body">
        <Text className="home-flash__wide-title">{sale.title}</Text>
        {upcoming ? (
          <Text className="home-flash__soon">{formatShanghaiDateTime(sale.startsAt)} 开抢</Text>
        ) : (
          <View className="home-flash__progress">
            <View className="home-flash__track">
              <View className="home-flash__bar" style={{ width: `${sale.soldPercent}%` }} />
            </View>
            <Text className="home-flash__sold">已抢{sale.soldPercent}%</Text>
          </View>
        )}
        <View className="home-flash__wide-foot">
          <View className="home-flash__wide-price">
            <Text className="home-flash__wide-label">秒杀价</Text>
            <Price fen={sale.priceFen} listFen={sale.listPriceFen} size="sm" />
          </View>
          <Text className={`home-flash__go ${soldOut ? 'home-flash__go--off' : ''}`}>
            {soldOut ? '已抢光' : upcoming ? '去看看' : '马上抢'}
          </Text>
        </View>
      </View>
    </View>
  );
}
