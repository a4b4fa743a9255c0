import { z } from 'zod';

const id = z.number().int().positive();

export const OrderItemsSchema = z
  .array(z.object({ skuId: id, qty: z.number().int().min(1, '数量至少为 1').max(99, '单件商品最多购买 99 件') }))
  .min(1, '请选择商品')
  .max(50, '一次最多购买 50 种商品');

export const ActivitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('group'), campaignId: id, groupId: id.optional() }),
  z.object({ type: z.literal('flash'), flashSaleId: id }),
  z.object({ type: z.literal('live'), liveRoomId: id }),
]);

export const QuoteSchema = z.object({
  items: OrderItemsSchema,
  fulfillment: z.object({ type: z.literal('pickup'), storeId: id }),
  /** A coupon the member holds (user coupon id); omit for the best one, null for none. */
  couponId: id.nullable().optional(),
  activity: ActivitySchema.optional(),
});

export const CreateOrderSchema = QuoteSchema.extend({
  sharerId: id.optional(),
  remark: z.string().trim().max(100, '备注最多 100 个字').optional(),
});
export type CreateOrderInput = z.infer<typeof CreateOrderSchema>;

const AdjustmentSchema = z.object({ kind: z.string(), id: z.number().int().optional(), label: z.string(), amountFen: z.number().int() });

export const QuoteResultSchema = z
  .object({
    lines: z.array(
      z.object({
        skuId: z.number().int(),
        title: z.string(),
        specText: z.string(),
        imageUrl: z.string(),
        qty: z.number().int(),
        unitPriceFen: z.number().int(),
        activityPriceFen: z.number().int().nullable(),
        payableFen: z.number().int(),
        sellable: z.number().int(),
      }),
    ),
    itemsTotalFen: z.number().int(),
    memberDiscountFen: z.number().int(),
    promotionDiscountFen: z.number().int(),
    couponDiscountFen: z.number().int(),
    payableFen: z.number().int(),
    adjustments: z.array(AdjustmentSchema),
    coupon: z.object({ id: z.number().int(), name: z.string(), applied: z.boolean(), rejection: z.string().nullable() }).nullable(),
    availableCoupons: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        discountFen: z.number().int(),
        usable: z.boolean(),
        reason: z.string().nullable(),
      }),
    ),
    inStock: z.boolean(),
  })
  .openapi('Quote');

export const OrderQuerySchema = z.object({
  status: z
    .enum(['pending_payment', 'awaiting_group', 'preparing', 'ready_for_pickup', 'completed', 'cancelled', 'refunded', 'paid', 'all'])
    .default('all'),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
