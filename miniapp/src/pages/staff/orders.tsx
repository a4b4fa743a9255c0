import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/StateView';
import type { QueueFilter } from '../../services/staff';
import { formatQueueCount } from '../../utils/staff';
import { QueueCard } from './parts/QueueCard';
import { StaffGate, type StaffAtStore } from './parts/StaffGate';
import { QUEUE_FILTERS, useStoreQueue, type QueueListState } from './useStoreQueue';
import { useStaff } from './useStaff';
import './staff.scss';
import './orders.scss';

const TAB_LABELS: Record<QueueFilter, string> = {
  preparing: '待备货',
  ready_for_pickup: '待取货',
  picked_up_today: '今日已取',
  flagged: '需处理',
};

const EMPTY: Record<QueueFilter, { title: string; description: string }> = {
  preparing: { title: '暂无待备货订单', description: '顾客付款后，订单会按付款先后出现在这里' },
  ready_for_pickup: { title: '暂无待取货订单', description: '备货完成的订单会在这里等待顾客到店' },
  picked_up_today: { title: '今天还没有顾客取货', description: '核销后的订单会显示在这里' },
  flagged: { title: '没有需要处理的订单', description: '付款或退款与记录不符、售后超时的订单会显示在这里' },
};

/** 备货队列 (`?tab=preparing|ready_for_pickup|picked_up_today|flagged`). */
export default function StaffOrdersPage() {
  const gate = useStaff();
  const { params } = useRouter();
  const initial = QUEUE_FILTERS.find((filter) => filter === params.tab) ?? 'preparing';
  return <StaffGate gate={gate}>{(staff) => <QueueView staff={staff} initial={initial} />}</StaffGate>;
}

function QueueView({ staff, initial }: { staff: StaffAtStore; initial: QueueFilter }) {
  const [tab, setTab] = useState<QueueFilter>(initial);
  const { lists, busyId, reload, markReady } = useStoreQueue(staff.storeId);

  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });

  const current = lists[tab];
  return (
    <View className="staff-queue page-root">
      <View className="staff-tabs">
        {QUEUE_FILTERS.map((filter) => (
          <View
            key={filter}
            className={`staff-tabs__item staff-queue__tab ${filter === tab ? 'staff-tabs__item--on' : ''}`}
            onClick={() => {
              setTab(filter);
              void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
            }}
          >
            <Text>{TAB_LABELS[filter]}</Text>
            <TabCount list={lists[filter]} muted={filter === 'picked_up_today'} />
          </View>
        ))}
      </View>
      <View className="staff-list">
        {current.status === 'loading' && <StateView kind="loading" />}
        {current.status === 'error' && <StateView kind="error" message={current.message} onRetry={() => void reload()} />}
        {current.status === 'ready' && current.items.length === 0 && <StateView kind="empty" {...EMPTY[tab]} />}
        {current.status === 'ready' &&
          current.items.map((order) => (
            <QueueCard key={order.id} order={order} list={tab} busy={busyId === order.id} onReady={() => markReady(order)} />
          ))}
      </View>
    </View>
  );
}

function TabCount({ list, muted }: { list: QueueListState; muted: boolean }) {
  if (list.status !== 'ready' || list.items.length === 0) return null;
  return <Text className={`staff-tabs__count ${muted ? 'staff-tabs__count--muted' : ''}`}>{formatQueueCount(list.items.length)}</Text>;
}
