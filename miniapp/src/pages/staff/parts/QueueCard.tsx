import { Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import type { QueueFilter, StaffOrder } from '../../../services/staff';
import { formatFen } from '../../../utils/money';
import { customerLabel, pieceCount } from '../../../utils/pickup';
import { formatQueueTime, formatWaited } from '../../../utils/staff';
import { OrderLines } from './OrderLines';
import { PickupInfo } from './PickupInfo';

interface QueueCardProps {
  order: StaffOrder;
  list: QueueFilter;
  busy: boolean;
  onReady: () => void;
}

const STATUS: Record<QueueFilter, { label: string; tone: string }> = {
  preparing: { label: '待备货', tone: 'action' },
  ready_for_pickup: { label: '待取货', tone: 'progress' },
  picked_up_today: { label: '已取货', tone: 'done' },
  flagged: { label: '需处理', tone: 'action' },
};

/** One order in the store queue: who, when they come, what, how long it has waited, its flag, and 备货完成 while preparing. */
export function QueueCard({ order, list, busy, onReady }: QueueCardProps) {
  const status = STATUS[list];
  return (
    <View className="staff-order staff-queue-card card">
      <View className="staff-order__head">
        <Text className="staff-order__no">订单号 {order.orderNo}</Text>
        <Text className={`staff-order__status staff-order__status--${status.tone}`}>{status.label}</Text>
      </View>
      <View className="staff-order__customer">
        <Text className="staff-order__name">{customerLabel(order.customer)}</Text>
        <Text className="staff-order__time">{timeText(order, list)}</Text>
      </View>
      <PickupInfo pickup={order.pickup} />
      {order.flaggedReason && <Text className="staff-order__flag">{order.flaggedReason}</Text>}
      {order.remark && <Text className="staff-order__remark">备注：{order.remark}</Text>}
      <OrderLines items={order.items} />
      <View className="staff-order__sum">
        <Text>共 {pieceCount(order.items)} 件，实付</Text>
        <Text className="staff-order__amount">¥{formatFen(order.paidFen)}</Text>
      </View>
      <View className="staff-order__actions">
        <Text className="staff-order__note">{noteText(order, list)}</Text>
        {list === 'preparing' && order.status === 'preparing' && (
          <PillButton className="staff-order__button staff-queue-card__ready" loading={busy} onClick={onReady}>
            备货完成
          </PillButton>
        )}
      </View>
    </View>
  );
}

function timeText(order: StaffOrder, list: QueueFilter): string {
  if (list === 'picked_up_today') return order.completedAt ? `${formatQueueTime(order.completedAt)} 取货` : '';
  if (list === 'ready_for_pickup') return order.readyAt ? `${formatQueueTime(order.readyAt)} 备好` : '';
  return order.paidAt ? `${formatQueueTime(order.paidAt)} 付款` : '';
}

function noteText(order: StaffOrder, list: QueueFilter): string {
  if (list === 'preparing') {
    // `paid` moves on to preparing by itself (or waits for its group); it cannot be marked ready yet.
    if (order.status !== 'preparing') return '付款确认中，请稍候刷新';
    return order.paidAt ? `已等待 ${formatWaited(order.paidAt)}` : '';
  }
  if (list === 'ready_for_pickup') return order.readyAt ? `已备好 ${formatWaited(order.readyAt)}，等待顾客到店` : '等待顾客到店';
  if (list === 'flagged') return '请店长核对后处理';
  return '已交给顾客';
}
