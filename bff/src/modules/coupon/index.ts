/**
 * Coupons (docs/domain.md#coupons): templates, the coupons members hold, every way one is
 * claimed or issued, and each coupon's life in an order (lock, release, use, return on refund)
 * and at the till (redeem).
 *
 * Owns: coupon_templates, user_coupons, points_exchange_items, coupon_claim_tokens, coupon_shares. Nobody else writes them.
 */
export { claimCoupon, claimError, claimOrThrow, type ClaimOutcome, type ClaimRefusal, type ClaimRequest } from './claim';
export { issueCoupon, type IssueResult } from './issue';
export { issueBirthdayCoupons, issueMonthlyCoupons, issueNewCustomerCoupons, type IssueSummary } from './member-coupons';
export { lockForOrder, releaseForOrder, returnForRefund, usableOnline, useForOrder, type HeldCoupon } from './order-use';
export type { CouponTemplate, UserCouponRow } from './queries';
export { isIssuable, validityOf } from './validity';
export { couponOfflineRoutes } from './staff-routes';
export {
  basketRejectionError,
  notTheirsError,
  pricingCouponOf,
  redeemOffline,
  refusalBody,
  refusalError,
  saleCouponOf,
  scanCouponCode,
  scannedCoupon,
  offlineRefusal,
  useCouponCode,
  couponTitle,
  type OfflineCoupon,
  type OfflineRefusal,
  type ScannedCoupon,
} from './redeem';
export { OfflineCouponRefusalSchema } from './staff-schema';
export { couponShareRoutes } from './share-routes';
export { COUPON_SCAN_PAGE } from './claim-tokens';
export { COUPON_SHARE_PAGE } from './share';
export { expireLapsedCoupons, remindExpiringCoupons } from './expiry';
export { couponRoutes } from './routes';
export { claimedLiveDrops, claimLiveDrop, isLiveTemplate, liveDropCoupons, type LiveDropCoupon } from './live-drops';
export { findMyCoupon } from './mine';
export { ClaimedCouponSchema, CouponFaceSchema } from './schema';
export { couponMetrics, type CouponMetricsRow } from './metrics';
