import { groupSeatStatuses, type GroupSeatStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A seat in a group (a group_members row; docs/domain.md#group-buys) as one table. A seat is
 * created `held` with its order.
 *
 *   held ─pay→ paid ─refund→ refunded   (its group failed: the full refund has been requested)
 *
 * An unpaid seat is not moved to `released`: cancelling its order deletes the row, so the member
 * may join again (groupbuy/admission.ts releaseSeat). `released` is in the enum but never written.
 */
export const GROUP_SEAT_EVENTS = {
  pay: { from: ['held'], to: 'paid' },
  refund: { from: ['paid'], to: 'refunded' },
} as const satisfies Record<string, { from: readonly GroupSeatStatus[]; to: GroupSeatStatus }>;

export type GroupSeatEvent = keyof typeof GROUP_SEAT_EVENTS;

export const groupSeatLifecycle = defineLifecycle({
  name: 'group_seat',
  statuses: groupSeatStatuses,
  initial: ['held'],
  events: GROUP_SEAT_EVENTS,
});
