import {
  activityTypes,
  couponAudiences,
  couponKinds,
  couponScopes,
  couponSources,
  couponTemplateStatuses,
  salesChannels,
  userCouponStatuses,
  groupStatuses,
  orderChannels,
  orderEventReasons,
  orderStatuses,
  refundSources,
  refundStatuses,
  staffRoles,
} from '@shop/db';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { Adjustment, CouponRejection } from '../domain/pricing';

extendZodWithOpenApi(z);

/**
 * The enums of the API contract that several modules' responses share, each a named schema of
 * the OpenAPI document (the mini-program's generated types alias them). The values are the lists
 * the code uses (@shop/db), never copies. openapi.ts registers them all before any route, so a
 * field that is `X.nullable()` refers to X instead of making X itself nullable.
 */
export const OrderStatusSchema = z.enum(orderStatuses).openapi('OrderStatus');
export const RefundStatusSchema = z.enum(refundStatuses).openapi('RefundStatus');
export const RefundSourceSchema = z.enum(refundSources).openapi('RefundSource');
/** Why an order moved (order_events.reason); bff/test/order/timeline-reasons.test.ts keeps it exact. */
export const TimelineReasonSchema = z.enum(orderEventReasons).openapi('TimelineReason');
export const ActivityTypeSchema = z.enum(activityTypes).openapi('ActivityType');
export const SalesChannelSchema = z.enum(orderChannels).openapi('SalesChannel');
export const GroupStatusSchema = z.enum(groupStatuses).openapi('GroupStatus');
export const StaffRoleSchema = z.enum(staffRoles).openapi('StaffRole');

/**
 * A string union's values as a list the compiler checks both ways, for unions that exist only as
 * a type: `valuesOf<CouponRejection>()(['BELOW_THRESHOLD', 'NO_ELIGIBLE_ITEMS'])` fails to compile
 * when a value is missing or is not in the union.
 */
export function valuesOf<T extends string>() {
  return <const L extends readonly [T, ...T[]]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;
}

/** What a price adjustment took off (domain/pricing.ts), online and at the till. */
export const AdjustmentKindSchema = z
  .enum(valuesOf<Adjustment['kind']>()(['activity', 'member', 'promotion', 'coupon']))
  .openapi('AdjustmentKind');
/** Why a coupon does not apply to the basket (domain/pricing.ts). */
export const CouponRejectionSchema = z
  .enum(valuesOf<CouponRejection>()(['BELOW_THRESHOLD', 'NO_ELIGIBLE_ITEMS']))
  .openapi('CouponRejection');

/** Coupons (docs/domain.md#coupons): kinds, scopes, where they may be used, how they came, who may claim. */
export const CouponKindSchema = z.enum(couponKinds).openapi('CouponKind');
export const CouponScopeSchema = z.enum(couponScopes).openapi('CouponScope');
export const CouponChannelSchema = z.enum(salesChannels).openapi('CouponChannel');
export const CouponSourceSchema = z.enum(couponSources).openapi('CouponSource');
export const CouponAudienceSchema = z.enum(couponAudiences).openapi('CouponAudience');
export const CouponTemplateStatusSchema = z.enum(couponTemplateStatuses).openapi('CouponTemplateStatus');
export const UserCouponStatusSchema = z.enum(userCouponStatuses).openapi('UserCouponStatus');

export const CONTRACT_ENUMS = {
  CouponKind: CouponKindSchema,
  CouponScope: CouponScopeSchema,
  CouponChannel: CouponChannelSchema,
  CouponSource: CouponSourceSchema,
  CouponAudience: CouponAudienceSchema,
  CouponTemplateStatus: CouponTemplateStatusSchema,
  UserCouponStatus: UserCouponStatusSchema,
  OrderStatus: OrderStatusSchema,
  RefundStatus: RefundStatusSchema,
  RefundSource: RefundSourceSchema,
  TimelineReason: TimelineReasonSchema,
  ActivityType: ActivityTypeSchema,
  SalesChannel: SalesChannelSchema,
  GroupStatus: GroupStatusSchema,
  StaffRole: StaffRoleSchema,
  AdjustmentKind: AdjustmentKindSchema,
  CouponRejection: CouponRejectionSchema,
};
