import { Image, Text, View } from '@tarojs/components';
import type { AfterSale } from '../../../services/aftersale';
import { mediaUrl } from '../../../utils/media';
import { formatFen } from '../../../utils/money';
import { formatShanghaiDateTime } from '../../../utils/time';
import { STATUS_TONES } from './tones';

/** One request in 我的售后: service number and status, the goods, the type and what comes back. */
export function AfterSaleCard({ afterSale, onClick }: { afterSale: AfterSale; onClick: () => void }) {
  const pieces = afterSale.lines.reduce((sum, line) => sum + line.qty, 0);
  const first = afterSale.lines[0];
  return (
    <View className="as-card card" onClick={onClick}>
      <View className="as-card__head">
        <Text className="as-card__type">{afterSale.typeLabel}</Text>
        <Text className="as-card__no">{afterSale.serviceNo}</Text>
        <Text className={`as-card__status as-card__status--${STATUS_TONES[afterSale.status]}`}>{afterSale.statusLabel}</Text>
      </View>
      {first && (
        <View className="as-card__goods">
          <Image className="as-card__image" src={mediaUrl(first.imageUrl)} mode="aspectFill" lazyLoad />
          <View className="as-card__body">
            <Text className="as-card__title">{first.title}</Text>
            <Text className="as-card__spec">
              {first.specText}
              {first.exchange ? ` → ${first.exchange.specText}` : ''}
            </Text>
            {afterSale.lines.length > 1 && <Text className="as-card__more">等 {afterSale.lines.length} 种商品</Text>}
          </View>
          <Text className="as-card__qty">×{pieces}</Text>
        </View>
      )}
      <View className="as-card__foot">
        <Text className="as-card__time">{formatShanghaiDateTime(afterSale.createdAt)} 申请</Text>
        {afterSale.type === 'return' && <Text className="as-card__amount">退款 ¥{formatFen(afterSale.refundFen)}</Text>}
      </View>
      <Text className="as-card__hint">{afterSale.hint}</Text>
    </View>
  );
}
