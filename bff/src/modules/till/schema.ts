import { z } from 'zod';
import { AdjustmentKindSchema } from '../../contract/enums';

const id = z.number().int().positive();

/** A scanned or picked line: by SKU id or by barcode (EAN-13 on the pack), exactly one of them. */
const TillItemSchema = z
  .object({
    skuId: id.optional(),
    barcode: z.string().trim().min(1, '请输入条码').max(32, '条码不正确').optional(),
    qty: z.number().int('数量必须是整数').min(1, '数量至少为 1').max(999, '单件商品最多 999 件'),
  })
  .strict()
  .refine((item) => (item.skuId === undefined) !== (item.barcode === undefined), '每件商品请提供 skuId 或条码（二选一）');

const shape = {
  /** Store staff sell at their own store (naming another is 403); head office must name one. */
  storeId: id.optional(),
  items: z.array(TillItemSchema).min(1, '请选择商品').max(100, '一次最多 100 种商品'),
  payMethod: z.enum(['offline_cash', 'offline_wechat']).default('offline_wechat'),
  /**
   * Coupons at the till (线上领券，线下核销) come with the coupons issue. Until then a code is refused
   * with 422 COUPON_AT_TILL_UNAVAILABLE rather than silently ignored, so nobody is charged the
   * full price believing a coupon was taken off. This is the slot that issue fills.
   */
  couponCode: z.string().trim().min(1).max(64).optional(),
  /**
   * A member resolved by THIS staff member through POST /api/staff/members/resolve within the
   * last 10 minutes (otherwise 422 MEMBER_NOT_RESOLVED).
   */
  memberId: id.optional(),
};

/** Quotes never use a member code up: resolve the code once, then quote with memberId. */
export const TillQuoteSchema = z.object(shape).strict();
export type TillQuoteInput = z.infer<typeof TillQuoteSchema>;

export const TillSaleSchema = z
  .object({
    ...shape,
    /** The 18-digit 会员码 from the customer's phone, verified and burned like /api/staff/members/resolve. */
    memberCode: z.string().trim().min(1, '请输入会员码').max(32).optional(),
  })
  .strict()
  .refine((body) => body.memberCode === undefined || body.memberId === undefined, {
    message: '会员码和会员 ID 只能二选一',
    path: ['memberId'],
  });
export type TillSaleInput = z.infer<typeof TillSaleSchema>;

const TierSchema = z.object({ code: z.string(), name: z.string(), discountPercent: z.number().int() });
const AdjustmentSchema = z.object({
  kind: AdjustmentKindSchema,
  id: z.number().int().optional(),
  label: z.string(),
  amountFen: z.number().int(),
});

export const TillQuoteResultSchema = z
  .object({
    quote: z.object({
      storeId: z.number().int(),
      items: z.array(
        z.object({
          skuId: z.number().int(),
          title: z.string(),
          specText: z.string(),
          imageUrl: z.string(),
          qty: z.number().int(),
          unitPriceFen: z.number().int(),
          payableFen: z.number().int(),
          /** on hand − reserved: what the till may sell, safety stock included. */
          sellableAtTill: z.number().int(),
        }),
      ),
      itemsTotalFen: z.number().int(),
      memberDiscountFen: z.number().int(),
      promotionDiscountFen: z.number().int(),
      payableFen: z.number().int(),
      adjustments: z.array(AdjustmentSchema),
      member: z.object({ id: z.number().int(), nickname: z.string(), tier: TierSchema, points: z.number().int() }).nullable(),
      inStock: z.boolean(),
    }),
  })
  .openapi('TillQuote');

export const TillSaleResultSchema = z
  .object({
    sale: z.object({
      id: z.number().int(),
      orderNo: z.string(),
      storeId: z.number().int(),
      items: z.array(
        z.object({
          skuId: z.number().int(),
          title: z.string(),
          specText: z.string(),
          qty: z.number().int(),
          unitPriceFen: z.number().int(),
          payableFen: z.number().int(),
        }),
      ),
      itemsTotalFen: z.number().int(),
      memberDiscountFen: z.number().int(),
      promotionDiscountFen: z.number().int(),
      payableFen: z.number().int(),
      payMethod: z.enum(['offline_cash', 'offline_wechat']),
      member: z
        .object({
          id: z.number().int(),
          nickname: z.string(),
          tier: TierSchema,
          /** Points this sale credited. */
          pointsEarned: z.number().int(),
          /** The member's balance now. */
          pointsBalance: z.number().int(),
        })
        .nullable(),
      createdAt: z.string(),
    }),
  })
  .openapi('TillSale');
