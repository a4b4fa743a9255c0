import { z } from 'zod';
import { afterSaleReasons, afterSaleStatuses, afterSaleTypes } from '@shop/db';
import { freeText } from '../../http/text';

const id = z.number().int().positive();

/** At most this many photos per request (docs/domain.md#after-sale). */
export const MAX_AFTER_SALE_PHOTOS = 6;

export const AfterSaleTypeSchema = z.enum(afterSaleTypes).openapi('AfterSaleType');
export const AfterSaleStatusSchema = z.enum(afterSaleStatuses).openapi('AfterSaleStatus');
export const AfterSaleReasonSchema = z.enum(afterSaleReasons).openapi('AfterSaleReason');

export const AfterSaleCreateSchema = z.object({
  type: AfterSaleTypeSchema,
  reason: AfterSaleReasonSchema,
  description: freeText('问题描述', { multiline: true }).max(200, '问题描述最多 200 个字').default(''),
  lines: z
    .array(
      z.object({
        orderLineId: id,
        qty: z.number().int('售后数量必须是整数').min(1, '售后数量至少为 1').max(999, '售后数量不正确'),
        /** 换货: the SKU the customer takes instead (same product, same price). */
        exchangeSkuId: id.optional(),
      }),
    )
    .min(1, '请选择要售后的商品')
    .max(50, '一次最多选择 50 种商品')
    .refine((lines) => new Set(lines.map((l) => l.orderLineId)).size === lines.length, '同一商品请只填写一次'),
  /** Media the customer uploaded (POST /api/media), in the order shown. */
  photoIds: z
    .array(id)
    .max(MAX_AFTER_SALE_PHOTOS, `最多上传 ${MAX_AFTER_SALE_PHOTOS} 张图片`)
    .refine((ids) => new Set(ids).size === ids.length, '同一张图片请只添加一次')
    .default([]),
});

export const AfterSaleIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const AfterSaleListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});

export const StaffAfterSaleQuerySchema = z.object({
  /** open: everything staff still have to act on (requested, approved, returned). */
  status: z.enum([...afterSaleStatuses, 'open', 'all']).default('open'),
  storeId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const DecisionNoteSchema = z.object({
  note: freeText('审核备注', { multiline: true }).max(200, '备注最多 200 个字').optional(),
});
export const RejectNoteSchema = z.object({
  note: freeText('拒绝原因', { multiline: true }).min(1, '请填写拒绝原因').max(200, '拒绝原因最多 200 个字'),
});

const LineViewSchema = z.object({
  orderLineId: z.number().int(),
  skuId: z.number().int(),
  title: z.string(),
  specText: z.string(),
  imageUrl: z.string(),
  qty: z.number().int(),
  amountFen: z.number().int(),
  exchange: z.object({ skuId: z.number().int(), specText: z.string() }).nullable(),
});

export const AfterSaleSchema = z
  .object({
    id: z.number().int(),
    serviceNo: z.string(),
    orderId: z.number().int(),
    orderNo: z.string(),
    storeId: z.number().int(),
    storeName: z.string(),
    type: AfterSaleTypeSchema,
    typeLabel: z.string(),
    status: AfterSaleStatusSchema,
    statusLabel: z.string(),
    /** One sentence telling the customer what happens next (请到门店退回商品 …). */
    hint: z.string(),
    reason: AfterSaleReasonSchema,
    reasonLabel: z.string(),
    description: z.string(),
    refundFen: z.number().int(),
    lines: z.array(LineViewSchema),
    photos: z.array(z.object({ id: z.number().int(), url: z.string() })),
    decisionNote: z.string().nullable(),
    refund: z
      .object({ outRefundNo: z.string(), status: z.string(), amountFen: z.number().int(), succeededAt: z.string().nullable() })
      .nullable(),
    timeline: z.array(z.object({ status: AfterSaleStatusSchema, label: z.string(), at: z.string() })),
    createdAt: z.string(),
  })
  .openapi('AfterSale');

export const AfterSaleListSchema = z.object({ items: z.array(AfterSaleSchema), total: z.number().int() }).openapi('AfterSalePage');

export const StaffAfterSaleSchema = AfterSaleSchema.extend({
  customer: z.object({ nickname: z.string(), phoneTail: z.string().nullable() }),
}).openapi('StaffAfterSale');
export const StaffAfterSaleListSchema = z
  .object({ items: z.array(StaffAfterSaleSchema), total: z.number().int() })
  .openapi('StaffAfterSalePage');

/** What the order page needs to offer 申请售后: until when, and what is left of each line. */
export const AfterSaleEligibilitySchema = z
  .object({
    eligible: z.boolean(),
    /** Why not (已超过售后期限 …), when not eligible. */
    reason: z.string().nullable(),
    deadline: z.string().nullable(),
    returnAllowed: z.boolean(),
    lines: z.array(
      z.object({
        orderLineId: z.number().int(),
        skuId: z.number().int(),
        productId: z.number().int(),
        title: z.string(),
        specText: z.string(),
        imageUrl: z.string(),
        unitPriceFen: z.number().int(),
        /** Units that may still go into a request (bought − refunded − in after-sale). */
        availableQty: z.number().int(),
        /** A request on this line is under way. */
        open: z.boolean(),
        /** Other SKUs of the same product at the same price, for 换货. */
        exchangeOptions: z.array(z.object({ skuId: z.number().int(), specText: z.string(), inStock: z.boolean() })),
      }),
    ),
    reasons: z.array(z.object({ value: AfterSaleReasonSchema, label: z.string() })),
  })
  .openapi('AfterSaleEligibility');
