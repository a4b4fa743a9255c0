import { shanghaiDayEnd } from '../../domain/shanghai';
import type { CouponTemplate } from './queries';

/**
 * When a coupon issued now may be used (docs/domain.md#coupons). A coupon ends at the last
 * millisecond of its last Asia/Shanghai day: "领取后 N 天内有效" counts the claim day as day 1,
 * so a 7-day coupon claimed at 23:50 on the 3rd is good until the end of the 9th. A fixed
 * window is stored with its day ends already (the admin API takes dates).
 */
export function validityOf(template: CouponTemplate, now: Date): { validFrom: Date; validTo: Date } {
  if (template.validity === 'relative') {
    return { validFrom: now, validTo: shanghaiDayEnd(now, Math.max(1, template.validDays ?? 1) - 1) };
  }
  if (!template.validFrom || !template.validTo) throw new Error(`coupon template ${template.code} has no fixed window`);
  return { validFrom: template.validFrom, validTo: template.validTo };
}

/** Whether a coupon of this template can still be handed out now (a fixed window may have closed). */
export function isIssuable(template: CouponTemplate, now: Date): boolean {
  if (template.status !== 'active') return false;
  return template.validity === 'relative' || (template.validTo !== null && template.validTo > now);
}
