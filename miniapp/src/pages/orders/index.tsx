import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StateView } from '../../components/StateView';
import { ListFooter } from '../../components/ListFooter';
import { pay } from '../../platform/pay';
import { errorMessage } from '../../services/errors';
import { cancelOrder, payOrder, type Order, type OrderFilter } from '../../services/order';
import { cancelToast } from '../../utils/checkout';
import { groupPageUrl } from '../../utils/group';
import { openPage } from '../../utils/navigate';
import { OrderCard } from './parts/OrderCard';
import { useOrderList } from './useOrderList';
import './index.scss';
import { routes } from '../../routes';

const TABS: { filter: OrderFilter; label: string }[] = [
  { filter: 'all', label: '全部' },
  { filter: 'pending_payment', label: '待付款' },
  { filter: 'awaiting_group', label: '待成团' },
  { filter: 'preparing', label: '备货中' },
  { filter: 'ready_for_pickup', label: '待自提' },
  { filter: 'completed', label: '已完成' },
  { filter: 'refunded', label: '退款' },
];

/** 我的订单 (`?status=` opens a tab). */
export default function OrdersPage() {
  const { params } = useRouter();
  const [filter, setFilter] = useState<OrderFilter>(() => TABS.find((tab) => tab.filter === params.status)?.filter ?? 'all');
  const { state, reload, loadMore } = useOrderList(filter);
  const [busyId, setBusyId] = useState<number | null>(null);
  // Scroll the tab before the chosen one to the left edge, so the chosen tab sits in view with a
  // neighbour beside it. Set after the bar has laid out: a scrollIntoView given on the first
  // render is ignored by the H5 ScrollView (a page opened on 退款 would leave it off screen).
  const chosen = TABS.findIndex((tab) => tab.filter === filter);
  const target = `orders-tab-${TABS[Math.max(0, chosen - 1)].filter}`;
  const [intoView, setIntoView] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setIntoView(target), 60);
    return () => clearTimeout(timer);
  }, [target]);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(loadMore);

  const open = (order: Order) => openPage(routes.order({ id: order.id }));

  const payFor = async (order: Order) => {
    setBusyId(order.id);
    try {
      const { payment } = await payOrder(order.id);
      if (!payment) throw new Error('no payment');
      try {
        await pay(payment);
        openPage(routes.order({ id: order.id, paying: 1 }));
      } catch (error) {
        void Taro.showToast({ title: errorMessage(error), icon: 'none' });
        void reload(true);
      }
    } catch {
      void reload(true);
    } finally {
      setBusyId(null);
    }
  };

  const cancel = (order: Order) => {
    void Taro.showModal({
      title: '取消订单',
      content: '确定要取消这个订单吗？',
      confirmText: '取消订单',
      cancelText: '再想想',
      confirmColor: '#e93b3d',
    }).then(({ confirm }) => {
      if (!confirm) return;
      cancelOrder(order.id).then(
        ({ result }) => {
          // paid_meanwhile: a payment won the race, the order is paid and the list shows it so.
          void Taro.showToast({ title: cancelToast(result), icon: 'none', duration: 2500 });
          void reload(true);
        },
        () => void reload(true),
      );
    });
  };

  return (
    <View className="orders page-root">
      <View className="orders-tabs">
        <ScrollView className="orders-tabs__scroll" scrollX scrollWithAnimation enhanced showScrollbar={false} scrollIntoView={intoView}>
          <View className="orders-tabs__row">
            {TABS.map((tab) => (
              <View
                key={tab.filter}
                id={`orders-tab-${tab.filter}`}
                className={`orders-tabs__item ${tab.filter === filter ? 'orders-tabs__item--on' : ''}`}
                onClick={() => setFilter(tab.filter)}
              >
                <Text>{tab.label}</Text>
              </View>
            ))}
          </View>
        </ScrollView>
      </View>
      <View className="orders__list">
        {state.status === 'loading' && <StateView kind="loading" />}
        {state.status === 'error' && <StateView kind="error" message={state.message} onRetry={() => void reload()} />}
        {state.status === 'ready' && state.items.length === 0 && (
          <StateView
            kind="empty"
            title="暂无相关订单"
            description="去挑选心仪的好物吧"
            action={{ text: '去逛逛', onClick: () => openPage(routes.home()) }}
          />
        )}
        {state.status === 'ready' && state.items.length > 0 && (
          <>
            {state.items.map((order) => (
              <OrderCard
                key={order.id}
                order={order}
                busy={busyId === order.id}
                onOpen={() => open(order)}
                onPay={() => void payFor(order)}
                onCancel={() => cancel(order)}
                onGroup={(groupId) => openPage(groupPageUrl(groupId))}
              />
            ))}
            <ListFooter plain more={state.more} hasMore={state.nextCursor !== null} onMore={loadMore} endText="没有更多订单了" />
          </>
        )}
      </View>
    </View>
  );
}
