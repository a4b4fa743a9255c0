import { couponTemplateStatuses, type couponTemplates } from '@shop/db';
import { defineLifecycle } from './lifecycle';

type CouponTemplateStatus = (typeof couponTemplates.$inferSelect)['status'];

/**
 * A coupon template as head office runs it (docs/domain.md#coupons):
 *
 *   active ⇄ paused      (pause stops new claims; coupons already held stay usable)
 *     └──────┴─end→ ended (for good: nothing is handed out again; held coupons stay usable)
 */
export const COUPON_TEMPLATE_EVENTS = {
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  end: { from: ['active', 'paused'], to: 'ended' },
} as const satisfies Record<string, { from: readonly CouponTemplateStatus[]; to: CouponTemplateStatus }>;

export type CouponTemplateEvent = keyof typeof COUPON_TEMPLATE_EVENTS;

export const couponTemplateLifecycle = defineLifecycle({
  name: 'coupon_template',
  statuses: couponTemplateStatuses,
  initial: ['active'],
  events: COUPON_TEMPLATE_EVENTS,
});
