import type { OrderLineRow } from '../order';
import { customerSummary } from '../member';
import type { RefundLineRow, RefundRow, StaffRefundRow } from './queries';

/** Chinese labels for the customer's order page and the staff list. */
export const REFUND_STATUS_LABELS: Record<RefundRow['status'], string> = {
  requested: '待审核',
  approved: '退款中',
  processing: '退款中',
  succeeded: '已退款',
  rejected: '已拒绝',
  // The money is still owed and staff are on it: the customer should not read "failed" as "no".
  failed: '退款处理中（人工）',
};

export type RefundView = ReturnType<typeof refundView>;

/** What the customer sees of a refund (in the order detail and as the answer to a request). */
export function refundView(refund: RefundRow, lines: RefundLineRow[]) {
  return {
    id: refund.id,
    outRefundNo: refund.outRefundNo,
    status: refund.status,
    statusLabel: REFUND_STATUS_LABELS[refund.status],
    amountFen: refund.amountFen,
    reason: refund.reason,
    source: refund.source,
    lines: lines.map((line) => ({ orderLineId: line.orderLineId, qty: line.qty, amountFen: line.amountFen })),
    decisionNote: refund.decisionNote,
    respondBy: refund.respondBy?.toISOString() ?? null,
    createdAt: refund.createdAt.toISOString(),
    decidedAt: refund.decidedAt?.toISOString() ?? null,
    succeededAt: refund.succeededAt?.toISOString() ?? null,
  };
}

export type StaffRefundView = ReturnType<typeof staffRefundView>;

/** The staff list adds the order, the WeChat side and what needs a human. */
export function staffRefundView(row: StaffRefundRow, lines: RefundLineRow[], goods: OrderLineRow[]) {
  const { refund } = row;
  return {
    ...refundView(refund, lines),
    /** What is being refunded and for whom, so a manager can decide from the list. */
    items: lines.map((line) => {
      const good = goods.find((g) => g.id === line.orderLineId);
      return { title: good?.title ?? '', specText: good?.specText ?? '', imageUrl: good?.imageUrl ?? '', qty: line.qty };
    }),
    customer: customerSummary(row.nickname, row.phone),
    orderId: refund.orderId,
    orderNo: row.orderNo,
    orderStatus: row.orderStatus,
    storeId: row.storeId,
    flaggedReason: row.flaggedReason,
    wechatStatus: refund.wechatStatus,
    attempts: refund.attempts,
    lastError: refund.lastError,
    nextAttemptAt: refund.nextAttemptAt?.toISOString() ?? null,
    decidedByStaffId: refund.decidedByStaffId,
  };
}
