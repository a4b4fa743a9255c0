import { z } from 'zod';
import {
  CouponAudienceSchema,
  CouponChannelSchema,
  CouponKindSchema,
  CouponScopeSchema,
  CouponSourceSchema,
  CouponTemplateStatusSchema,
  UserCouponStatusSchema,
} from '../../contract/enums';
import { freeText } from '../../http/text';

const id = z.number().int().positive();
const fen = (what: string) => z.number({ error: `请填写${what}` }).int(`${what}须为整数（分）`);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const ids = z.array(id).max(500, '最多选择 500 项');

/**
 * A template as head office writes it (POST /api/admin/coupon-templates). Amounts in fen;
 * `percent` is what the customer pays in percent (88 = 8.8折); a fixed window is given in
 * Asia/Shanghai dates and runs from the first day's 00:00 to the last day's end.
 */
const TemplateFields = z.object({
  name: freeText('优惠券名称').min(1, '请填写优惠券名称').max(64, '名称最多 64 个字'),
  description: freeText('说明', { multiline: true }).max(255, '说明最多 255 个字').default(''),
  kind: CouponKindSchema,
  amountOffFen: fen('减免金额').min(1, '减免金额至少 0.01 元').max(10_000_000, '减免金额过大').nullish(),
  percent: z.number().int('折扣须为整数百分比（如 88 表示 8.8 折）').nullish(),
  maxDiscountFen: fen('最高优惠').min(1, '最高优惠至少 0.01 元').nullish(),
  thresholdFen: fen('使用门槛').min(0, '使用门槛不能为负').max(100_000_000, '使用门槛过大').default(0),
  scope: CouponScopeSchema.default('all'),
  scopeIds: ids.default([]),
  excludedProductIds: ids.default([]),
  channel: CouponChannelSchema.default('both'),
  storeIds: ids.default([]),
  source: CouponSourceSchema,
  audience: CouponAudienceSchema.default('everyone'),
  audienceTiers: z.array(z.string().min(1).max(32)).max(20).default([]),
  validity: z.enum(['fixed', 'relative']),
  validFromDate: date.nullish(),
  validToDate: date.nullish(),
  validDays: z.number().int().min(1, '有效天数至少 1 天').max(365, '有效天数最多 365 天').nullish(),
  totalQuantity: z.number().int().min(1, '发放总量至少 1 张').max(10_000_000, '发放总量过大'),
  perUserLimit: z.number().int().min(1, '每人限领至少 1 张').max(100, '每人限领最多 100 张').default(1),
  shareGoal: z.number().int().min(1, '分享目标至少 1 人').max(100, '分享目标最多 100 人').nullish(),
  shareRewardTemplateId: id.nullish(),
});

type TemplateFieldsInput = z.infer<typeof TemplateFields>;

/** The rules a template must keep whatever else is sent (each message says what to fix). */
function checkTemplate(t: Partial<TemplateFieldsInput>, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (t.kind === 'percent') {
    if (t.percent == null || t.percent < 1 || t.percent > 99) issue('percent', '折扣须在 0.1 折到 9.9 折之间（percent 1–99）');
  } else if (t.kind) {
    if (t.amountOffFen == null) issue('amountOffFen', '请填写减免金额');
    if (t.percent != null) issue('percent', '只有折扣券可以设置折扣');
  }
  if (t.kind === 'threshold') {
    if (!t.thresholdFen) issue('thresholdFen', '满减券须设置使用门槛');
    else if (t.amountOffFen != null && t.amountOffFen >= t.thresholdFen) issue('amountOffFen', '减免金额须小于使用门槛');
  }
  if (t.kind === 'no_threshold' && t.thresholdFen) issue('thresholdFen', '无门槛券不能设置使用门槛');
  if (t.scope && t.scope !== 'all' && (t.scopeIds ?? []).length === 0) {
    issue('scopeIds', t.scope === 'categories' ? '请选择适用分类' : '请选择适用商品');
  }
  if (t.audience === 'tiers' && (t.audienceTiers ?? []).length === 0) issue('audienceTiers', '请选择可领取的会员等级');
  if (t.validity === 'fixed') {
    if (!t.validFromDate || !t.validToDate) issue('validToDate', '请填写有效期的开始和结束日期');
    else if (t.validFromDate > t.validToDate) issue('validToDate', '结束日期不能早于开始日期');
  }
  if (t.validity === 'relative' && t.validDays == null) issue('validDays', '请填写领取后有效天数');
  if ((t.shareGoal == null) !== (t.shareRewardTemplateId == null)) {
    issue('shareGoal', '分享领券须同时设置分享目标人数和奖励优惠券');
  }
}

export const CouponTemplateInputSchema = TemplateFields.superRefine(checkTemplate).openapi('CouponTemplateInput');
export type CouponTemplateInput = z.infer<typeof CouponTemplateInputSchema>;

/**
 * What may change once a template exists. The money rule (kind, amounts, scope, channel) is in
 * coupons members already hold, so it is fixed once one was issued; see templates.ts.
 */
export const CouponTemplatePatchSchema = TemplateFields.partial()
  .omit({ source: true })
  .superRefine(checkTemplate)
  .openapi('CouponTemplatePatch');
export type CouponTemplatePatch = z.infer<typeof CouponTemplatePatchSchema>;

/** How a coupon reads to a customer: the big figure, its condition, where and what it covers. */
export const CouponFaceSchema = z
  .object({
    kind: CouponKindSchema,
    /** '20' (元) for amounts, '8.8' (折) for percent coupons. */
    value: z.string(),
    unit: z.enum(['yuan', 'zhe']),
    /** '满199减20', '满100打9折，最高减30', '无门槛减5'. */
    label: z.string(),
    /** '满199元可用' / '无门槛'. */
    condition: z.string(),
    scopeText: z.string(),
    channel: CouponChannelSchema,
    channelText: z.string(),
  })
  .openapi('CouponFace');

export const CouponTemplateSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    description: z.string(),
    kind: CouponKindSchema,
    amountOffFen: z.number().int().nullable(),
    percent: z.number().int().nullable(),
    maxDiscountFen: z.number().int().nullable(),
    thresholdFen: z.number().int(),
    scope: CouponScopeSchema,
    scopeIds: z.array(z.number().int()),
    excludedProductIds: z.array(z.number().int()),
    channel: CouponChannelSchema,
    storeIds: z.array(z.number().int()),
    source: CouponSourceSchema,
    audience: CouponAudienceSchema,
    audienceTiers: z.array(z.string()),
    validity: z.enum(['fixed', 'relative']),
    validFrom: z.iso.datetime().nullable(),
    validTo: z.iso.datetime().nullable(),
    validDays: z.number().int().nullable(),
    totalQuantity: z.number().int(),
    issuedCount: z.number().int(),
    perUserLimit: z.number().int(),
    shareGoal: z.number().int().nullable(),
    shareRewardTemplateId: z.number().int().nullable(),
    status: CouponTemplateStatusSchema,
    face: CouponFaceSchema,
    stats: z.object({ issued: z.number().int(), used: z.number().int(), expired: z.number().int() }).optional(),
  })
  .openapi('CouponTemplate');

export const CouponTemplateListSchema = z.object({ items: z.array(CouponTemplateSchema) });
export const TemplateListQuerySchema = z.object({
  status: CouponTemplateStatusSchema.optional(),
  source: CouponSourceSchema.optional(),
});

/** A template offered in the claim centre (领券中心), with what is left and what I hold. */
export const CenterCouponSchema = z
  .object({
    templateId: z.number().int(),
    name: z.string(),
    description: z.string(),
    face: CouponFaceSchema,
    validityText: z.string(),
    /** 0–100: how much of the total is gone (the "已抢 80%" bar). */
    claimedPercent: z.number().int(),
    remaining: z.number().int(),
    claimedByMe: z.number().int(),
    perUserLimit: z.number().int(),
    /** claimable, claimed (limit reached: 已领取), sold_out (已抢光), not_eligible (新客专享 / 会员专享). */
    state: z.enum(['claimable', 'claimed', 'sold_out', 'not_eligible']),
    audience: CouponAudienceSchema,
  })
  .openapi('CenterCoupon');
export const ClaimCenterSchema = z.object({ items: z.array(CenterCouponSchema) });
export const ProductCouponsQuerySchema = z.object({ productId: z.coerce.number().int().positive().optional() });

/** A coupon I hold (我的优惠券). */
export const MyCouponSchema = z
  .object({
    id: z.number().int(),
    templateId: z.number().int(),
    name: z.string(),
    description: z.string(),
    face: CouponFaceSchema,
    status: UserCouponStatusSchema,
    source: CouponSourceSchema,
    validFrom: z.iso.datetime(),
    validTo: z.iso.datetime(),
    validityText: z.string(),
    /** Available and ending within 3 days (即将过期). */
    expiringSoon: z.boolean(),
    /** Can be shown at a till now (offline or both, valid, available). */
    usableOffline: z.boolean(),
    usedAt: z.iso.datetime().nullable(),
    usedChannel: z.enum(['online', 'offline']).nullable(),
  })
  .openapi('MyCoupon');
export const MyCouponsQuerySchema = z.object({
  tab: z.enum(['available', 'used', 'expired']).default('available'),
});
export const MyCouponsSchema = z.object({
  items: z.array(MyCouponSchema),
  counts: z.object({ available: z.number().int(), used: z.number().int(), expired: z.number().int() }),
});

export const ClaimedCouponSchema = z.object({ coupon: MyCouponSchema }).openapi('ClaimedCoupon');

/** 积分兑换. */
export const ExchangeItemSchema = z
  .object({
    id: z.number().int(),
    templateId: z.number().int(),
    name: z.string(),
    face: CouponFaceSchema,
    validityText: z.string(),
    pointsCost: z.number().int(),
    stock: z.number().int(),
    /** Whether my points and the limits let me exchange it now. */
    affordable: z.boolean(),
  })
  .openapi('ExchangeItem');
export const ExchangeListSchema = z.object({ pointsBalance: z.number().int(), items: z.array(ExchangeItemSchema) });
export const ExchangeBodySchema = z.object({ itemId: id });
export const ExchangeResultSchema = z.object({
  coupon: MyCouponSchema,
  pointsSpent: z.number().int(),
  pointsBalance: z.number().int(),
});

const OfferedTemplateSchema = z.object({
  templateId: z.number().int(),
  name: z.string(),
  face: CouponFaceSchema,
  validityText: z.string(),
  remaining: z.number().int(),
});
/** 邀请好友领券: templates members can share, each with its goal and the sharer's reward. */
export const ShareableTemplatesSchema = z.object({
  items: z.array(
    OfferedTemplateSchema.extend({
      shareGoal: z.number().int(),
      reward: z.object({ templateId: z.number().int(), name: z.string(), face: CouponFaceSchema }),
    }),
  ),
});
/** 生成领券码: the 扫码领券 templates the staff member's store may hand out. */
export const QrTemplatesSchema = z.object({ items: z.array(OfferedTemplateSchema) });
