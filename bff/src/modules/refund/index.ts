/**
 * Refunds and after-sale (docs/domain.md#refunds): requests (customer, failed group, overdue
 * pickup, late payment, staff), the store's review, the call to WeChat with retries, and the
 * settlement that gives money, stock, coupon and points back.
 *
 * - requestRefund: a refund of a whole order or of lines, once per (order, request key);
 * - executeRefund / retryDueRefunds: send it to WeChat, retry with backoff, query late ones;
 * - settleRefund: apply WeChat's answer (notification, call or query) exactly once;
 * - after-sale review and escalation for store managers.
 * - requestRefundInTx: the same inside the caller's transaction (an after-sale receipt);
 * Callers such as a failed group or an overdue pickup use requestRefund with their own source
 * and a request key naming the cause (e.g. `group_failed`), then executeRefund.
 *
 * Owns: refunds, refund_lines. Nobody else writes them.
 */
export { refundRoutes } from './routes';
export { requestRefund, requestRefundInTx, type RefundRequestInput, type RefundRequestOutcome, type RefundSource } from './request';
export { executeRefund, retryDueRefunds, type ExecuteOutcome } from './execute';
export { refundResultOf, settleRefund, type SettleRefundOutcome, type WechatRefundResult } from './settle';
export { approveRequest, rejectRequest, retryFailed, listRequests, escalateOverdueRequests, ESCALATED_REASON } from './after-sale';
export { committedByLine, findRefund, linesOfRefunds, refundsOfOrder, type RefundRow } from './queries';
export { refundView, type RefundView } from './view';
export { RefundSchema } from './schema';
