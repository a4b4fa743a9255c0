/**
 * Coupons (docs/domain.md#coupons): templates, the coupons members hold, and each coupon's life
 * in an order (lock, release, use, return on refund).
 *
 * Owns: coupon_templates, user_coupons, points_exchange_items. Nobody else writes them.
 */
export { issueCoupon, validityOf, type CouponTemplate, type IssueResult } from './issue';
export { lockForOrder, releaseForOrder, returnForRefund, usableOnline, useForOrder, type HeldCoupon } from './order-use';
