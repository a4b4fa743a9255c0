import { z } from 'zod';

/** 扫码领券 and 分享领券 (docs/domain.md#coupons): request and answer shapes of share-routes.ts. */
const id = z.number().int().positive();
/** WeChat's launch scene as the page read it (1047 mini-program code, 1011 QR, 1007 shared card …). */
const scene = z.string().trim().max(16).optional();

export const MintClaimTokenSchema = z.object({
  templateId: id,
  /** 1 minute to 30 days. */
  expiresInMinutes: z
    .number({ error: '请填写有效时长' })
    .int('有效时长须为整数分钟')
    .min(1, '有效时长至少 1 分钟')
    .max(43_200, '有效时长最多 30 天'),
  /** Claims allowed through this code; omitted = only the template's own limits. */
  maxClaims: z.number().int('限领次数须为整数').min(1, '限领次数至少 1 次').max(1_000_000, '限领次数过大').optional(),
});

export const MintedClaimTokenSchema = z
  .object({
    id: z.number().int(),
    /** `<id>.<signature>`: what the QR carries (≤ 32 characters, so it also fits a 小程序码 scene). */
    token: z.string(),
    expiresAt: z.iso.datetime(),
    /** The mini-program page the QR opens: `pages/coupon-scan/index?t=<token>`. */
    qrPath: z.string(),
  })
  .openapi('MintedCouponClaimToken');

export const ClaimTokenSchema = z
  .object({
    id: z.number().int(),
    templateId: z.number().int(),
    templateName: z.string(),
    /** null: minted by head office. */
    storeId: z.number().int().nullable(),
    createdByStaffId: z.number().int(),
    expiresAt: z.iso.datetime(),
    maxClaims: z.number().int().nullable(),
    claimedCount: z.number().int(),
    revokedAt: z.iso.datetime().nullable(),
    /** active, expired (past expiresAt), revoked, exhausted (maxClaims reached). */
    state: z.enum(['active', 'expired', 'revoked', 'exhausted']),
    createdAt: z.iso.datetime(),
    /** The same token and QR path as when it was minted (signed again, never stored). */
    token: z.string(),
    qrPath: z.string(),
  })
  .openapi('CouponClaimToken');
export const ClaimTokenListSchema = z.object({ items: z.array(ClaimTokenSchema) });
export const ClaimTokenParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const ScanBodySchema = z.object({ token: z.string().trim().min(1, '请扫描二维码').max(128), scene });

/** The coupon a scan or a share claim put into my account. */
export const ReceivedCouponSchema = z
  .object({
    couponId: z.number().int(),
    templateId: z.number().int(),
    name: z.string(),
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime(),
  })
  .openapi('ReceivedCoupon');

export const OpenShareSchema = z.object({ templateId: id });
export const OpenedShareSchema = z
  .object({
    shareId: z.number().int(),
    /** For useShareAppMessage: `pages/coupon-share/index?s=<shareId>&from=<sharerId>`. */
    path: z.string(),
  })
  .openapi('OpenedCouponShare');

export const ShareParamsSchema = z.object({ id: z.coerce.number().int().positive() });

/** The rules of a template as the landing page states them (amounts in fen). */
const CouponRulesSchema = z.object({
  templateId: z.number().int(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['threshold', 'percent', 'no_threshold']),
  amountOffFen: z.number().int().nullable(),
  /** What the customer pays in percent: 88 = 8.8折. */
  percent: z.number().int().nullable(),
  maxDiscountFen: z.number().int().nullable(),
  thresholdFen: z.number().int(),
  channel: z.enum(['online', 'offline', 'both']),
  validity: z.enum(['fixed', 'relative']),
  validFrom: z.iso.datetime().nullable(),
  validTo: z.iso.datetime().nullable(),
  validDays: z.number().int().nullable(),
});

export const CouponShareViewSchema = z
  .object({
    shareId: z.number().int(),
    coupon: CouponRulesSchema,
    /** What the sharer gets once `goal` friends claimed. */
    reward: CouponRulesSchema.nullable(),
    sharer: z.object({ memberId: z.number().int(), nickname: z.string(), avatarUrl: z.string() }),
    goal: z.number().int(),
    /** Friends who claimed from the pack: the sharer's own view only (null for everyone else). */
    claimedCount: z.number().int().nullable(),
    /** The reward was issued: the sharer's own view only (null for everyone else). */
    rewarded: z.boolean().nullable(),
    /** The viewer is the sharer (signed in only). */
    mine: z.boolean(),
    claimedByMe: z.boolean(),
    /** What the viewer can do: claimable, claimed (已领取), own (my pack: invite friends), ended, sold_out. */
    state: z.enum(['claimable', 'claimed', 'own', 'ended', 'sold_out']),
  })
  .openapi('CouponShareView');

export const ShareClaimBodySchema = z.object({ scene });
export const ShareClaimResultSchema = z
  .object({
    coupon: ReceivedCouponSchema,
    claimedCount: z.number().int(),
    goal: z.number().int(),
    /** The pack has paid out its reward to the sharer (now or earlier). */
    rewarded: z.boolean(),
  })
  .openapi('CouponShareClaim');
