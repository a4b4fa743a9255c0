import { orderStatuses } from '@shop/db';
import { z } from 'zod';
import {
  ActivityTypeSchema,
  AdjustmentKindSchema,
  CouponRejectionSchema,
  GroupStatusSchema,
  OrderStatusSchema,
  SalesChannelSchema,
  TimelineReasonSchema,
  valuesOf,
} from '../../contract/enums';
import { ErrorCodeSchema } from '../../openapi';
import { PickupCodeSchema } from '../pickup';
import { RefundSchema } from '../refund';
import type { CloseOutcome } from './close';
import { freeText } from '../../http/text';

const id = z.number().int().positive();

/** A pickup window (UTC instants; shown in Asia/Shanghai). */
const PickupSlotSchema = z.object({ start: z.string(), end: z.string() }).openapi('PickupSlot');

/** The pickup store as the order page shows it (联系门店, 导航到店). */
const OrderStoreSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    address: z.string(),
    phone: z.string(),
    /** GCJ-02, what Taro.openLocation takes. */
    lat: z.number(),
    lng: z.number(),
  })
  .openapi('OrderStore');

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

/** A mainland mobile number (11 digits from 13… to 19…). */
export const MobileSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请输入正确的 11 位手机号');

/** 预约自提时段: one of the slots the quote offered (docs/domain.md#pickup-slots). */
const SlotSchema = z
  .object({ start: z.iso.datetime({ message: '自提时段格式不正确' }), end: z.iso.datetime({ message: '自提时段格式不正确' }) })
  .refine((slot) => Date.parse(slot.end) > Date.parse(slot.start), { message: '自提时段的结束应晚于开始', path: ['end'] });

export const CreateOrderSchema = QuoteSchema.extend({
  /** 提货人手机号 (the member's own phone when left out) and the chosen slot (none: any time the store is open). */
  pickup: z.object({ phone: MobileSchema.optional(), slot: SlotSchema.optional() }).strict().optional(),
  sharerId: id.optional(),
  remark: freeText('备注', { multiline: true }).max(100, '备注最多 100 个字').optional(),
});
export type CreateOrderInput = z.infer<typeof CreateOrderSchema>;

const AdjustmentSchema = z
  .object({ kind: AdjustmentKindSchema, id: z.number().int().optional(), label: z.string(), amountFen: z.number().int() })
  .openapi('Adjustment');

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
    coupon: z
      .object({ id: z.number().int(), name: z.string(), applied: z.boolean(), rejection: CouponRejectionSchema.nullable() })
      .nullable(),
    availableCoupons: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        /** '满199减20', '8.8折' … */
        label: z.string(),
        validTo: z.iso.datetime(),
        discountFen: z.number().int(),
        usable: z.boolean(),
        reason: CouponRejectionSchema.nullable(),
      }),
    ),
    inStock: z.boolean(),
    /** What the confirm page offers for pickup: the store's slots now, and the member's phone (masked) it prefills. */
    pickup: z.object({
      slots: z.array(PickupSlotSchema),
      memberPhone: z.string().nullable(),
    }),
  })
  .openapi('Quote');

export const OrderQuerySchema = z.object({
  status: z.enum([...orderStatuses, 'all']).default('all'),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const OrderLineSchema = z
  .object({
    lineId: z.number().int(),
    skuId: z.number().int(),
    productId: z.number().int(),
    title: z.string(),
    specText: z.string(),
    imageUrl: z.string(),
    qty: z.number().int(),
    unitPriceFen: z.number().int(),
    activityPriceFen: z.number().int().nullable(),
    payableFen: z.number().int(),
    refundedQty: z.number().int(),
    refundedFen: z.number().int(),
  })
  .openapi('OrderLine');

/** One step of the order's timeline: the status it reached, and why (null: no reason recorded). */
const TimelineEntrySchema = z
  .object({ status: OrderStatusSchema, label: z.string(), reason: TimelineReasonSchema.nullable(), at: z.string() })
  .openapi('TimelineEntry');

/** What the customer sees of an order (view.ts); lists leave the timeline and refunds empty. */
export const OrderSchema = z
  .object({
    id: z.number().int(),
    orderNo: z.string(),
    status: OrderStatusSchema,
    statusLabel: z.string(),
    storeId: z.number().int(),
    store: OrderStoreSchema,
    /** 提货人手机号: masked (138****5678) in lists, whole on the order's own page. */
    pickupPhone: z.string().nullable(),
    /** 预约自提时段; null when none was chosen. */
    pickupSlot: PickupSlotSchema.nullable(),
    channel: SalesChannelSchema,
    activityType: ActivityTypeSchema.nullable(),
    /** The group of a 拼团 order. */
    group: z.object({ id: z.number().int(), status: GroupStatusSchema }).nullable(),
    items: z.array(OrderLineSchema),
    itemsTotalFen: z.number().int(),
    memberDiscountFen: z.number().int(),
    promotionDiscountFen: z.number().int(),
    couponDiscountFen: z.number().int(),
    payableFen: z.number().int(),
    paidFen: z.number().int(),
    refundedFen: z.number().int(),
    remark: z.string().nullable(),
    /** Unpaid orders close at this time. */
    payDeadline: z.string().nullable(),
    paidAt: z.string().nullable(),
    createdAt: z.string(),
    timeline: z.array(TimelineEntrySchema),
    refunds: z.array(RefundSchema),
  })
  .openapi('Order');

/** GET /api/orders/:id adds the pickup code while the order is ready for pickup. */
export const OrderDetailSchema = OrderSchema.extend({ pickup: PickupCodeSchema.nullable() }).openapi('OrderDetail');

export const OrderPageSchema = z.object({ items: z.array(OrderSchema), nextCursor: z.number().int().nullable() }).openapi('OrderPage');

/**
 * What wx.requestPayment takes (payment/service.ts `PaymentParams`). Unnamed: a schema first met
 * as `.nullable()` would make its named component nullable everywhere.
 */
const PaymentParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});

/** A new (or retried) order, or fresh payment params: `payment` is null when WeChat Pay could not be reached. */
export const CreatedOrderSchema = z
  .object({
    order: OrderSchema,
    payment: PaymentParamsSchema.nullable(),
    paymentError: z.object({ code: ErrorCodeSchema, message: z.string() }).optional(),
  })
  .openapi('CreatedOrder');

export const CancelResultSchema = z.object({
  result: z.enum(valuesOf<CloseOutcome>()(['cancelled', 'paid_meanwhile', 'not_pending'])),
});

/** 我的 page's order badges (GET /api/orders/counts); the client caps what it shows at 99+. */
export const OrderCountsSchema = z
  .object({
    pendingPayment: z.number().int(),
    awaitingGroup: z.number().int(),
    /** 已付款 and 备货中: what the 备货中 tab lists. */
    preparing: z.number().int(),
    readyForPickup: z.number().int(),
    /** Orders with a refund request still open (售后). */
    afterSale: z.number().int(),
  })
  .openapi('OrderCounts');
