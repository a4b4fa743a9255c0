import { Text, View } from '@tarojs/components';
import type { QuoteLine } from '../../../services/order';
import type { CheckoutSource } from '../../../utils/checkout';
import { formatFen } from '../../../utils/money';

/**
 * The activity the order is bought under: 拼团 (opening a group or joining one) or 秒杀, the
 * activity price the server applied, and what that saves against the usual price.
 */
export function ActivityNote({ source, lines }: { source: CheckoutSource; lines: QuoteLine[] }) {
  if (source.from !== 'group' && source.from !== 'flash') return null;
  const line = lines[0];
  const group = source.from === 'group';
  const price = line?.activityPriceFen ?? null;
  const saved = line && price !== null ? line.unitPriceFen - price : 0;
  const what = group ? (source.groupId !== null ? '参与好友的拼团' : '你将作为团长开团') : '限时秒杀特价';
  const then = group ? '人满成团后门店开始备货' : '付款后门店开始备货，限量先到先得';
  return (
    <View className="checkout-activity">
      <View className="checkout-activity__line">
        <Text className={`checkout-activity__badge ${group ? '' : 'checkout-activity__badge--flash'}`}>{group ? '拼团' : '秒杀'}</Text>
        <Text className="checkout-activity__what">{what}</Text>
        {price !== null && (
          <Text className="checkout-activity__price">
            {group ? (source.groupId !== null ? '拼团价' : '开团价') : '秒杀价'} ¥{formatFen(price)}
          </Text>
        )}
      </View>
      <Text className="checkout-activity__then">
        {saved > 0 ? `比单买省 ¥${formatFen(saved)} · ` : ''}
        {then}
      </Text>
    </View>
  );
}
