import { Text, View } from '@tarojs/components';
import { PillButton } from '../../../components/PillButton';
import type { StaffRefund } from '../../../services/staff';
import { formatFen } from '../../../utils/money';
import { customerLabel } from '../../../utils/pickup';
import { formatQueueTime, isPast } from '../../../utils/staff';
import { OrderLines } from './OrderLines';

interface RefundCardProps {
  refund: StaffRefund;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onRetry: () => void;
}

const TONES: Record<string, string> = {
  requested: 'action',
  approved: 'progress',
  processing: 'progress',
  succeeded: 'done',
  rejected: 'closed',
  failed: 'action',
};

/** One after-sale request: the order, the amount and reason, the deadline, and the decision. */
export function RefundCard({ refund, busy, onApprove, onReject, onRetry }: RefundCardProps) {
  const waiting = refund.status === 'requested';
  const overdue = waiting && isPast(refund.respondBy);
  const pieces = refund.lines.reduce((sum, line) => sum + line.qty, 0);
  return (
    <View className="staff-order refund-card card">
      <View className="staff-order__head">
        <Text className="staff-order__no">订单号 {refund.orderNo}</Text>
        <Text className={`staff-order__status refund-card__status--${TONES[refund.status] ?? 'closed'}`}>{refund.statusLabel}</Text>
      </View>
      <View className="staff-order__customer">
        <Text className="staff-order__name">{customerLabel(refund.customer)}</Text>
      </View>
      {refund.items.length > 0 && <OrderLines items={refund.items} />}
      <View className="refund-card__amount-row">
        <Text className="refund-card__amount">¥{formatFen(refund.amountFen)}</Text>
        <Text className="refund-card__scope">{pieces > 0 ? `退 ${pieces} 件` : '整单退款'}</Text>
      </View>
      <View className="refund-card__reason">
        <Text className="refund-card__label">退款原因</Text>
        <Text className="refund-card__value">{refund.reason || '未填写'}</Text>
      </View>
      <View className="refund-card__meta">
        <Text>
          {refund.source === 'customer' ? '顾客申请' : '系统发起'} · {formatQueueTime(refund.createdAt)}
        </Text>
        {waiting && refund.respondBy && (
          <Text className={overdue ? 'refund-card__overdue' : ''}>
            {overdue ? '已超过处理时限' : `请于 ${formatQueueTime(refund.respondBy)} 前处理`}
          </Text>
        )}
      </View>
      {refund.flaggedReason && <Text className="refund-card__flag">{refund.flaggedReason}</Text>}
      {refund.decisionNote && <Text className="refund-card__note">处理说明：{refund.decisionNote}</Text>}
      {refund.status === 'failed' && refund.lastError && <Text className="refund-card__flag">退款失败：{refund.lastError}</Text>}
      {waiting && (
        <View className="staff-order__actions">
          <PillButton variant="outline" className="staff-order__button refund-card__reject" disabled={busy} onClick={onReject}>
            拒绝
          </PillButton>
          <PillButton className="staff-order__button refund-card__approve" loading={busy} onClick={onApprove}>
            同意退款
          </PillButton>
        </View>
      )}
      {refund.status === 'failed' && (
        <View className="staff-order__actions">
          <PillButton className="staff-order__button" loading={busy} onClick={onRetry}>
            重新退款
          </PillButton>
        </View>
      )}
    </View>
  );
}
