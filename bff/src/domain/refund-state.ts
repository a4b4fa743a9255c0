import { refundStatuses, type RefundStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A refund's life (docs/domain.md#refunds) as one table. A refund is created
 * `requested` when staff must review it (a customer's after-sale once the store has started on the
 * order), otherwise `approved` and due at once (failed group, overdue pickup, late payment, …).
 *
 *   requested ─approve→ approved ─submit→ processing ─succeed→ succeeded
 *       │                  ▲                 ├abnormal→ processing   (WeChat: ABNORMAL, look again later)
 *       └reject→ rejected  │                 └fail→ failed           (we stop calling: refused or retries used up)
 *                          └─────────retry─────────── failed         (staff send it again, same out_refund_no)
 *
 *   WeChat's word on a refund we sent (approved, processing or failed) applies from any of them:
 *       succeed → succeeded · abnormal → processing · close → failed (WeChat CLOSED it)
 *
 * Escalating an unanswered request (48 h) flags the order and raises an event; the refund stays
 * `requested`, so it is not an event here.
 */
export const REFUND_EVENTS = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested'], to: 'rejected' },
  /** A worker claims a due approved refund and calls WeChat (refund/execute.ts). */
  submit: { from: ['approved'], to: 'processing' },
  succeed: { from: ['approved', 'processing', 'failed'], to: 'succeeded' },
  /** Not final: the money can still go out another way; staff are told. */
  abnormal: { from: ['approved', 'processing', 'failed'], to: 'processing' },
  close: { from: ['approved', 'processing', 'failed'], to: 'failed' },
  /** WeChat refused the call, or every retry failed: staff take over. */
  fail: { from: ['processing'], to: 'failed' },
  retry: { from: ['failed'], to: 'approved' },
} as const satisfies Record<string, { from: readonly RefundStatus[]; to: RefundStatus }>;

export type RefundEvent = keyof typeof REFUND_EVENTS;

export const refundLifecycle = defineLifecycle({
  name: 'refund',
  statuses: refundStatuses,
  initial: ['requested', 'approved'],
  events: REFUND_EVENTS,
});

/** Refunds WeChat may still report on: the ones we sent (a failed one may have reached WeChat after all). */
export const REFUND_SENT_STATUSES: readonly RefundStatus[] = REFUND_EVENTS.succeed.from;
