import { Text, View } from '@tarojs/components';
import type { FlashSaleActivity } from '../../../services/catalog';
import { flashAction } from '../../../utils/flash';
import { formatFen } from '../../../utils/money';
import { formatShanghaiDateTime } from '../../../utils/time';
import { EndsIn } from './EndsIn';

interface FlashBannerProps {
  sale: FlashSaleActivity;
  /** The sale opened or ended: read the product again. */
  onChange: () => void;
  /** 立即抢购: 确认订单 at the flash price (only while the sale runs and has stock). */
  onBuy: () => void;
}

/** The red 限时秒杀 band under the pictures: the flash price, its clock and 立即抢购. */
export function FlashBanner({ sale, onChange, onBuy }: FlashBannerProps) {
  const [yuan, cents] = formatFen(sale.priceFen).split('.');
  const action = flashAction(sale.state);
  return (
    <View className={`product-flash product-flash--${sale.state}`}>
      <View className="product-flash__main">
        <Text className="product-flash__label">限时秒杀</Text>
        <View className="product-flash__price">
          <Text className="product-flash__symbol">¥</Text>
          <Text className="product-flash__yuan">{yuan}</Text>
          <Text className="product-flash__cents">.{cents}</Text>
        </View>
        <Text className="product-flash__when">
          {sale.state === 'upcoming'
            ? `${formatShanghaiDateTime(sale.startsAt)} 开抢`
            : sale.state === 'running'
              ? `仅剩 ${sale.remaining} 件`
              : '下次早点来哦'}
        </Text>
      </View>
      <View className="product-flash__side">
        {sale.state !== 'sold_out' && (
          <View className="product-flash__clock">
            <Text className="product-flash__clock-label">{sale.state === 'upcoming' ? '距开抢' : '距结束'}</Text>
            <EndsIn target={sale.state === 'upcoming' ? sale.startsAt : sale.endsAt} onEnd={onChange} tone="light" />
          </View>
        )}
        <View
          className={`product-flash__buy ${action.enabled ? '' : 'product-flash__buy--off'}`}
          hoverClass={action.enabled ? 'product-flash__buy--pressed' : 'none'}
          onClick={action.enabled ? onBuy : undefined}
        >
          {action.text}
        </View>
      </View>
    </View>
  );
}
