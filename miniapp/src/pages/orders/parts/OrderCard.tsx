import { Image, Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import type { Order } from '../../../services/order';
import { formatPickupSlot, statusTone } from '../../../utils/checkout';
import { formatShanghaiTimestamp } from '../../../utils/time';
import { formatFen } from '../../../utils/money';
import { mediaUrl } from '../../../utils/media';

interface OrderCardProps {
  order: Order;
  busy: boolean;
  onOpen: () => void;
  onPay: () => void;
  onCancel: () => void;
  /** Opens the group of a 拼团 order. */
  onGroup: (groupId: number) => void;
}

/** One order in the list: store and status, what was bought, when, what was paid, what to do next. */
export function OrderCard({ order, busy, onOpen, onPay, onCancel, onGroup }: OrderCardProps) {
  const pieces = order.items.reduce((sum, item) => sum + item.qty, 0);
  const single = order.items.length === 1 ? order.items[0] : null;
  const pending = order.status === 'pending_payment';
  const group = order.group ?? null;
  const grouping = group !== null && order.status === 'awaiting_group';
  return (
    <View className="order-card-item card">
      <View className="order-card-item__head" onClick={onOpen}>
        {(group || order.activityType === 'group' || order.activityType === 'flash') && (
          <Text className="order-card-item__tag">{order.activityType === 'flash' ? '秒杀' : '拼团'}</Text>
        )}
        <Text className="order-card-item__store">{order.store.name}</Text>
        <Text className={`order-card-item__status order-card-item__status--${statusTone(order.status)}`}>{order.statusLabel}</Text>
      </View>
      <View className="order-card-item__goods" onClick={onOpen}>
        {order.items.slice(0, 4).map((item) => (
          <Image key={item.lineId} className="order-card-item__thumb" src={mediaUrl(item.imageUrl)} mode="aspectFill" lazyLoad />
        ))}
        {single && (
          <View className="order-card-item__single">
            <Text className="order-card-item__title">{single.title}</Text>
            <Text className="order-card-item__spec">{single.specText}</Text>
          </View>
        )}
      </View>
      <View className="order-card-item__meta" onClick={onOpen}>
        <Text>下单 {formatShanghaiTimestamp(order.createdAt)}</Text>
        {order.pickupSlot && <Text className="order-card-item__slot">自提 {formatPickupSlot(order.pickupSlot)}</Text>}
      </View>
      <View className="order-card-item__sum" onClick={onOpen}>
        <Text className="order-card-item__pieces">共 {pieces} 件</Text>
        <Text>{pending ? '需付款' : '实付'}</Text>
        <Text className="order-card-item__amount">¥{formatFen(pending ? order.payableFen : order.paidFen)}</Text>
      </View>
      <View className="order-card-item__actions">
        {pending ? (
          <>
            <PillButton variant="outline" className="order-card-item__button" onClick={onCancel}>
              取消订单
            </PillButton>
            <PillButton className="order-card-item__button" loading={busy} onClick={onPay}>
              去支付
            </PillButton>
          </>
        ) : grouping ? (
          <>
            <PillButton variant="outline" className="order-card-item__button" onClick={onOpen}>
              查看详情
            </PillButton>
            <PillButton className="order-card-item__button" onClick={() => onGroup(group.id)}>
              邀请好友参团
            </PillButton>
          </>
        ) : (
          <PillButton variant="outline" className="order-card-item__button" onClick={onOpen}>
            查看详情
          </PillButton>
        )}
      </View>
    </View>
  );
}
