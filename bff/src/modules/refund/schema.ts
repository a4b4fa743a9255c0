import { z } from 'zod';
import { refundStatuses } from '@shop/db';
import { OrderStatusSchema, RefundSourceSchema, RefundStatusSchema } from '../../contract/enums';
import { freeText } from '../../http/text';

const id = z.number().int().positive();

export const RefundRequestSchema = z.object({
  reason: freeText('退款原因', { multiline: true }).min(1, '请填写退款原因').max(200, '退款原因最多 200 个字'),
  /** Omit for the whole order (everything not yet refunded). */
  lines: z
    .array(z.object({ orderLineId: id, qty: z.number().int('退款数量必须是整数').min(1, '退款数量至少为 1').max(999, '退款数量不正确') }))
    .min(1, '请选择要退款的商品')
    .max(50, '一次最多选择 50 种商品')
    .refine((lines) => new Set(lines.map((l) => l.orderLineId)).size === lines.length, '同一商品请只填写一次')
    .optional(),
});

export const RefundIdParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const RejectSchema = z.object({
  note: freeText('拒绝原因', { multiline: true }).min(1, '请填写拒绝原因').max(200, '拒绝原因最多 200 个字'),
});

export const StaffRefundQuerySchema = z.object({
  status: z.enum([...refundStatuses, 'all']).default('requested'),
  /** Head office may pick a store; store staff see their own. */
  storeId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const RefundLineSchema = z.object({ orderLineId: z.number().int(), qty: z.number().int(), amountFen: z.number().int() });

export const RefundSchema = z
  .object({
    id: z.number().int(),
    outRefundNo: z.string(),
    status: RefundStatusSchema,
    statusLabel: z.string(),
    amountFen: z.number().int(),
    reason: z.string(),
    source: RefundSourceSchema,
    lines: z.array(RefundLineSchema),
    decisionNote: z.string().nullable(),
    respondBy: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    succeededAt: z.string().nullable(),
  })
  .openapi('Refund');

export const StaffRefundSchema = RefundSchema.extend({
  orderId: z.number().int(),
  orderNo: z.string(),
  orderStatus: OrderStatusSchema,
  storeId: z.number().int(),
  flaggedReason: z.string().nullable(),
  wechatStatus: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  decidedByStaffId: z.number().int().nullable(),
  items: z.array(z.object({ title: z.string(), specText: z.string(), imageUrl: z.string(), qty: z.number().int() })),
  customer: z.object({ nickname: z.string(), phoneTail: z.string().nullable() }),
}).openapi('StaffRefund');

export const StaffRefundListSchema = z.object({ items: z.array(StaffRefundSchema), total: z.number().int() }).openapi('StaffRefundPage');
