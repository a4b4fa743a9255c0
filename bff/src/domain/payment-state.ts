import { paymentStatuses, type PaymentStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A payment's life (docs/domain.md#payments) as one table. An online payment is created `pending`
 * when the customer first asks to pay; a till sale's is created `paid`.
 *
 *   pending ─pay→ paid
 *      ├close→ closed      (the unpaid order was cancelled; WeChat's transaction closed first)
 *      └flag→ flagged      (WeChat's amount, appid or mchid does not match ours: staff look)
 *
 *   WeChat's word wins over ours: `pay` and `flag` apply from pending, closed and flagged alike.
 *   closed ─pay→ paid is the customer paying at the last second: the order stays cancelled and the
 *   money is refunded at once (refund source paid_after_cancel).
 */
export const PAYMENT_EVENTS = {
  pay: { from: ['pending', 'closed', 'flagged'], to: 'paid' },
  flag: { from: ['pending', 'closed', 'flagged'], to: 'flagged' },
  close: { from: ['pending'], to: 'closed' },
} as const satisfies Record<string, { from: readonly PaymentStatus[]; to: PaymentStatus }>;

export type PaymentEvent = keyof typeof PAYMENT_EVENTS;

export const paymentLifecycle = defineLifecycle({
  name: 'payment',
  statuses: paymentStatuses,
  initial: ['pending', 'paid'],
  events: PAYMENT_EVENTS,
});
