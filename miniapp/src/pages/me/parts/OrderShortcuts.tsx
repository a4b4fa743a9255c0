import { Image, Text, View } from '@tarojs/components';
import awaitingGroupIcon from '../../../assets/order/awaiting-group.png';
import completedIcon from '../../../assets/order/completed.png';
import pendingPaymentIcon from '../../../assets/order/pending-payment.png';
import readyIcon from '../../../assets/order/ready-for-pickup.png';
import { SectionHeader } from '../../../components/SectionHeader';
import { openPage } from '../../../utils/navigate';
import { routes } from '../../../routes';
import type { OrderFilter } from '../../../services/order';

/** Order states a customer acts on, keyed by the BFF's order status. */
const shortcuts: { status: OrderFilter; label: string; icon: string }[] = [
  { status: 'pending_payment', label: '待付款', icon: pendingPaymentIcon },
  { status: 'awaiting_group', label: '待成团', icon: awaitingGroupIcon },
  { status: 'ready_for_pickup', label: '待自提', icon: readyIcon },
  { status: 'completed', label: '已完成', icon: completedIcon },
];

export function OrderShortcuts() {
  return (
    <View className="me-card card">
      <SectionHeader title="我的订单" moreText="全部订单" onMore={() => openPage(routes.orders())} />
      <View className="me-orders">
        {shortcuts.map(({ status, label, icon }) => (
          <View key={status} className="me-orders__item" onClick={() => openPage(routes.orders({ status }))}>
            <Image className="me-orders__icon" src={icon} />
            <Text className="me-orders__label">{label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
