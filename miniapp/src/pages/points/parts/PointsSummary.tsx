import { Text, View } from '@tarojs/components';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';

/** The balance on the brand gradient, with how points are earned. */
export function PointsSummary({ balance }: { balance: number | null }) {
  return (
    <View className="points-summary">
      <View className="points-summary__head">
        <Text className="points-summary__label">当前可用积分</Text>
        <Text className="points-summary__exchange" onClick={() => openPage(routes.pointsExchange())}>
          积分兑换
        </Text>
      </View>
      <Text className="points-summary__value points-balance">{balance ?? '--'}</Text>
      <Text className="points-summary__rule">每消费 1 元得 1 积分，订单完成后到账；退款将按比例扣回</Text>
    </View>
  );
}
