import { userCouponStatuses, type UserCouponStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A coupon a member holds (docs/domain.md#coupons) as one table. It is issued `available`.
 *
 *   available ─lock→ locked ─use→ used         (its online order was paid)
 *     │ │ ▲              │            ▲ │
 *     │ │ └───release────┘            │ │        (its unpaid order was cancelled or closed)
 *     │ │ └───────────return──────────┼─┘        (its order was refunded in full while the coupon is still valid)
 *     │ └──────────redeem─────────────┘          (线下核销: staff took it at the till, no lock needed)
 *     └─expire→ expired                          (the sweep after the end of its last Asia/Shanghai day)
 *
 * Validity is also checked against valid_to wherever a coupon is offered or used, so a coupon
 * the sweep has not reached yet is still refused once it is past its end.
 */
export const USER_COUPON_EVENTS = {
  lock: { from: ['available'], to: 'locked' },
  release: { from: ['locked'], to: 'available' },
  use: { from: ['locked'], to: 'used' },
  return: { from: ['used'], to: 'available' },
  redeem: { from: ['available'], to: 'used' },
  expire: { from: ['available'], to: 'expired' },
} as const satisfies Record<string, { from: readonly UserCouponStatus[]; to: UserCouponStatus }>;

export type UserCouponEvent = keyof typeof USER_COUPON_EVENTS;

export const userCouponLifecycle = defineLifecycle({
  name: 'user_coupon',
  statuses: userCouponStatuses,
  initial: ['available'],
  events: USER_COUPON_EVENTS,
});
