/**
 * Payments (docs/domain.md#payments): WeChat Pay prepay, verified notifications and queries that
 * settle an order as paid exactly once, reconciliation of late ones, and till payments.
 *
 * Owns: payments. Nobody else writes it.
 */
export { paymentRoutes } from './routes';
export { preparePayment, settlePayment, syncPayment, type PaymentParams, type SettleOutcome } from './service';
export { reconcilePendingPayments } from './reconcile';
export { closePending, paymentOf, recordTillPayment, type PaymentRow } from './queries';
