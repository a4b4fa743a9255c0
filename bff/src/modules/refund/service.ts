/**
 * The refund module's service surface (other modules and jobs import from here):
 * - requestRefund: a refund of a whole order or of lines, once per (order, request key);
 * - executeRefund / retryDueRefunds: send it to WeChat, retry with backoff, query late ones;
 * - settleRefund: apply WeChat's answer (notification, call or query) exactly once;
 * - after-sale review and escalation for store managers.
 * Callers such as a failed group or an overdue pickup use requestRefund with their own source
 * and a request key naming the cause (e.g. `group_failed`), then executeRefund.
 */
export { requestRefund, type RefundRequestInput, type RefundRequestOutcome, type RefundSource } from './request';
export { executeRefund, retryDueRefunds, type ExecuteOutcome } from './execute';
export { refundResultOf, settleRefund, type SettleRefundOutcome, type WechatRefundResult } from './settle';
export { approveRequest, rejectRequest, retryFailed, listRequests, escalateOverdueRequests, ESCALATED_REASON } from './after-sale';
