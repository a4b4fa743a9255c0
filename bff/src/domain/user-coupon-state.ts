import { userCouponStatuses, type UserCouponStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A coupon a member holds (docs/domain.md#coupons) as one table. It is issued `available`.
 *
 *   available ─lock→ locked ─use→ used         (its order was paid)
 *       ▲              │            │
 *       └───release────┘            │          (its unpaid order was cancelled)
 *       └───────────return──────────┘          (its order was refunded in full while the coupon is still valid)
 *
 * `expired` is in the enum but never written: validity is checked against valid_to wherever a
 * coupon is offered or used.
 */
export const USER_COUPON_EVENTS = {
  lock: { from: ['available'], to: 'locked' },
  release: { from: ['locked'], to: 'available' },
  use: { from: ['locked'], to: 'used' },
  return: { from: ['used'], to: 'available' },
} as const satisfies Record<string, { from: readonly UserCouponStatus[]; to: UserCouponStatus }>;

export type UserCouponEvent = keyof typeof USER_COUPON_EVENTS;

export const userCouponLifecycle = defineLifecycle({
  name: 'user_coupon',
  statuses: userCouponStatuses,
  initial: ['available'],
  events: USER_COUPON_EVENTS,
});
