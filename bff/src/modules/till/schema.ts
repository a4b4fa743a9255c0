import { z } from 'zod';
import type { TillTender } from '@shop/db';
import { AdjustmentKindSchema } from '../../contract/enums';
import { OfflineCouponRefusalSchema } from '../coupon';

const id = z.number().int().positive();

/**
 * How the customer paid at the counter, as the clerk records it (现金 / 微信 / 支付宝 / 银行卡 on the
 * store's own terminal or code): the payment's method, and the split of the day's totals.
 */
export const tillTenders = ['offline_cash', 'offline_wechat', 'offline_alipay', 'offline_card'] as const satisfies readonly TillTender[];
export const TillTenderSchema = z.enum(tillTenders, { message: '收款方式只能是现金、微信、支付宝或银行卡' }).openapi('TillTender');

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
  payMethod: TillTenderSchema.default('offline_wechat'),
  /**
   * The customer's rotating coupon code (线上领券，线下核销; 20 digits from 我的优惠券). The quote shows
   * its discount or why it does not apply; the sale redeems it in its own transaction, and a
   * coupon that does not apply refuses the sale rather than being silently left out, so nobody is
   * charged the full price believing a coupon was taken off.
   */
  couponCode: z.string().trim().min(1, '请输入优惠券码').max(40, '优惠券码不正确').optional(),
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

const TillQuoteCouponSchema = z.object({
  userCouponId: z.number().int(),
  name: z.string(),
  /** 满199减20, 满100打9折，最高减30, 无门槛减5. */
  ruleText: z.string(),
  member: z.object({ id: z.number().int(), nickname: z.string() }),
  /** What it takes off this basket (0 when refused). */
  discountFen: z.number().int(),
  /** Null: the sale will redeem it. Otherwise the error the sale would answer. */
  refusal: OfflineCouponRefusalSchema.nullable(),
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
      couponDiscountFen: z.number().int(),
      payableFen: z.number().int(),
      adjustments: z.array(AdjustmentSchema),
      /** The scanned coupon: its discount here, or why the sale would refuse it (then priced without it). */
      coupon: TillQuoteCouponSchema.nullable(),
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
      couponDiscountFen: z.number().int(),
      payableFen: z.number().int(),
      /** The coupon this sale redeemed. */
      coupon: z.object({ userCouponId: z.number().int(), name: z.string(), ruleText: z.string() }).nullable(),
      payMethod: TillTenderSchema,
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

/** GET /api/staff/sales/summary: the store's till sales today, split by tender (queries.ts `tillDaySummary`). */
export const TillDaySummarySchema = z
  .object({
    storeId: z.number().int(),
    /** Start of the business day (Asia/Shanghai). */
    date: z.string(),
    sales: z.number().int(),
    totalFen: z.number().int(),
    /** Every tender, in the till's order, with zero where nothing was taken today. */
    tenders: z.array(z.object({ tender: TillTenderSchema, sales: z.number().int(), amountFen: z.number().int() })),
  })
  .openapi('TillDaySummary');
