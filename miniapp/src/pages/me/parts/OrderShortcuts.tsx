import { Image, Text, View } from '@tarojs/components';
import afterSaleIcon from '../../../assets/staff/after-sale.png';
import awaitingGroupIcon from '../../../assets/order/awaiting-group.png';
import completedIcon from '../../../assets/order/completed.png';
import pendingPaymentIcon from '../../../assets/order/pending-payment.png';
import readyIcon from '../../../assets/order/ready-for-pickup.png';
import { SectionHeader } from '../../../components/SectionHeader';
import type { OrderCounts } from '../../../services/order';
import { badgeText } from '../../../utils/checkout';
import { openPage } from '../../../utils/navigate';
import { routes, type PageUrl } from '../../../routes';

interface Shortcut {
  label: string;
  icon: string;
  url: PageUrl;
  /** Which count its badge shows; none for 已完成. */
  count?: keyof OrderCounts;
}

/**
 * Order states a customer acts on, with how many orders wait in each (GET /api/orders/counts);
 * 退款/售后 opens 我的售后, its badge the refunds and after-sale requests still open.
 */
const shortcuts: Shortcut[] = [
  { label: '待付款', icon: pendingPaymentIcon, url: routes.orders({ status: 'pending_payment' }), count: 'pendingPayment' },
  { label: '待成团', icon: awaitingGroupIcon, url: routes.orders({ status: 'awaiting_group' }), count: 'awaitingGroup' },
  { label: '待自提', icon: readyIcon, url: routes.orders({ status: 'ready_for_pickup' }), count: 'readyForPickup' },
  { label: '已完成', icon: completedIcon, url: routes.orders({ status: 'completed' }) },
  { label: '退款/售后', icon: afterSaleIcon, url: routes.afterSales(), count: 'afterSale' },
];

/** 我的订单: the five shortcuts; `counts` null while signed out or not loaded (no badges). */
export function OrderShortcuts({ counts }: { counts: OrderCounts | null }) {
  return (
    <View className="me-card card">
      <SectionHeader title="我的订单" moreText="全部订单" onMore={() => openPage(routes.orders())} />
      <View className="me-orders">
        {shortcuts.map(({ label, icon, url, count }) => {
          const badge = counts && count ? badgeText(counts[count]) : null;
          return (
            <View key={label} className="me-orders__item" onClick={() => openPage(url)}>
              <View className="me-orders__figure">
                <Image className="me-orders__icon" src={icon} />
                {badge && <Text className={`me-orders__badge ${badge.length > 1 ? 'me-orders__badge--wide' : ''}`}>{badge}</Text>}
              </View>
              <Text className="me-orders__label">{label}</Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
