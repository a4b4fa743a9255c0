import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Order, ShownOrder } from '../../../services/order';
import { formatMmSs } from '../../../utils/checkout';
import { formatFen } from '../../../utils/money';
import { msUntil } from '../../../utils/time';

/** What the customer reads first: where the order stands and what to do next. */
const headlines: Record<Order['status'], { title: string; sub: string }> = {
  pending_payment: { title: '等待付款', sub: '' },
  paid: { title: '已付款', sub: '门店备货中，备好后会通知你到店自提' },
  awaiting_group: { title: '拼团中', sub: '邀请好友参团，成团后门店开始备货' },
  preparing: { title: '门店备货中', sub: '备好后会通知你到店自提' },
  ready_for_pickup: { title: '请到店自提', sub: '商品已备好，请在 7 天内到店取货' },
  completed: { title: '已完成', sub: '感谢你的光临，欢迎再来' },
  cancelled: { title: '订单已取消', sub: '如需购买请重新下单' },
  refunded: { title: '已退款', sub: '款项已原路退回' },
};

export function StatusHeader({ order, confirming, onExpire }: { order: ShownOrder; confirming: boolean; onExpire: () => void }) {
  const tone = order.status === 'cancelled' || order.status === 'refunded' ? 'closed' : 'live';
  if (confirming) {
    return (
      <View className="order-status order-status--live">
        <View className="order-status__title">
          <View className="order-status__spinner" />
          支付确认中…
        </View>
        <Text className="order-status__sub">正在确认支付结果，请稍候</Text>
      </View>
    );
  }
  const { title, sub } = headlines[order.status] ?? { title: order.statusLabel, sub: '' };
  // Ready with a code: point at it (the card below says where and by when).
  const readySub = order.status === 'ready_for_pickup' && order.pickup ? '商品已备好，请凭下方取货码到店自提' : null;
  return (
    <View className={`order-status order-status--${tone}`}>
      <Text className="order-status__title">{title}</Text>
      {order.status === 'pending_payment' && order.payDeadline ? (
        <PayCountdown deadline={order.payDeadline} payableFen={order.payableFen} onEnd={onExpire} />
      ) : (
        <Text className="order-status__sub">{readySub ?? sub}</Text>
      )}
    </View>
  );
}

/** 剩余 mm:ss 自动关闭, ticking every second. */
function PayCountdown({ deadline, payableFen, onEnd }: { deadline: string; payableFen: number; onEnd: () => void }) {
  const [left, setLeft] = useState(() => msUntil(deadline));
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;
  useEffect(() => {
    const timer = setInterval(() => {
      const next = msUntil(deadline);
      setLeft(next);
      if (next === 0) {
        clearInterval(timer);
        onEndRef.current();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);
  return (
    <Text className="order-status__sub">
      需付款 ¥{formatFen(payableFen)}，剩余 <Text className="order-status__clock">{formatMmSs(left)}</Text> 自动关闭
    </Text>
  );
}
