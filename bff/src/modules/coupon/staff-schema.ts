import { z } from 'zod';
import { CouponChannelSchema, CouponKindSchema, UserCouponStatusSchema } from '../../contract/enums';

/** 线下核销 (docs/domain.md#coupons): the customer's rotating code and what staff send and see. */

export const CouponIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const CouponCodeSchema = z
  .object({
    /** 20 digits starting with 9 (the 会员码 has 18); render as QR code and as the number. */
    code: z.string(),
    /** ISO time after which the till refuses it (≤ 60 s); ask again before then. */
    expiresAt: z.string(),
  })
  .openapi('CouponCode');

const scan = {
  /** The 20-digit code from the customer's 我的优惠券 page (scanned or typed; spaces are ignored). */
  code: z.string().trim().min(1, '请输入优惠券码').max(40, '优惠券码不正确'),
  /** Store staff redeem at their own store (naming another is 403); head office must name one. */
  storeId: z.number().int().positive().optional(),
};

export const RedeemCouponSchema = z.object(scan).strict();
export const PreviewCouponSchema = z.object(scan).strict();

const CouponMemberSchema = z.object({ id: z.number().int(), nickname: z.string() });

/** Why a coupon cannot be redeemed here: the error code the redeem or the sale would answer with. */
const OfflineCouponRefusalCodeSchema = z
  .enum([
    'COUPON_ONLINE_ONLY',
    'COUPON_NOT_FOR_STORE',
    'COUPON_NOT_YET_VALID',
    'COUPON_EXPIRED',
    'COUPON_ALREADY_USED',
    'COUPON_LOCKED',
    'COUPON_BELOW_THRESHOLD',
    'COUPON_NO_ELIGIBLE_ITEMS',
    'COUPON_NOT_YOURS',
  ])
  .openapi('OfflineCouponRefusalCode');

/** A refusal as the API would answer it: the error code and its Chinese message (unnamed: it is used nullable). */
export const OfflineCouponRefusalSchema = z.object({ code: OfflineCouponRefusalCodeSchema, message: z.string() });

export type OfflineCouponRefusalBody = z.infer<typeof OfflineCouponRefusalSchema>;

export const CouponPreviewSchema = z
  .object({
    coupon: z.object({
      userCouponId: z.number().int(),
      name: z.string(),
      /** 满199减20, 满100打9折，最高减30, 无门槛减5. */
      ruleText: z.string(),
      kind: CouponKindSchema,
      channel: CouponChannelSchema,
      status: UserCouponStatusSchema,
      validFrom: z.string(),
      validTo: z.string(),
      member: CouponMemberSchema,
    }),
    /** Whether POST /api/staff/coupons/redeem would take it at this store now. */
    usable: z.boolean(),
    refusal: OfflineCouponRefusalSchema.nullable(),
  })
  .openapi('CouponPreview');

export const CouponRedemptionSchema = z
  .object({
    redemption: z.object({
      userCouponId: z.number().int(),
      name: z.string(),
      ruleText: z.string(),
      kind: CouponKindSchema,
      member: CouponMemberSchema,
      storeId: z.number().int(),
      redeemedAt: z.string(),
    }),
  })
  .openapi('CouponRedemption');
