import { z } from 'zod';
import { OrderStatusSchema, SalesChannelSchema } from '../../contract/enums';

/**
 * The customer's pickup code (on the order page while the order is ready). Unnamed: it is only
 * ever `.nullable()`, which would make a named component nullable.
 */
export const PickupCodeSchema = z.object({
  /** 8 digits. */
  code: z.string(),
  /** What the QR encodes (`PICKUP:<8 digits>`). */
  qrPayload: z.string(),
  /** Not picked up by then, the order is refunded. */
  deadline: z.string(),
});

const StaffCustomerSchema = z.object({ nickname: z.string(), phoneTail: z.string().nullable() }).openapi('StaffCustomer');
/** 提货人 and 预约自提时段 of the order (checkout/pickup.ts): the phone masked in the queue, whole once a code is verified. */
const StaffPickupSchema = z
  .object({ phone: z.string().nullable(), slotStart: z.string().nullable(), slotEnd: z.string().nullable() })
  .openapi('StaffPickup');
const StaffOrderItemSchema = z
  .object({ title: z.string(), specText: z.string(), qty: z.number().int(), imageUrl: z.string() })
  .openapi('StaffOrderItem');

/** A line of the store's work lists (queue.ts). */
const StaffOrderSchema = z
  .object({
    id: z.number().int(),
    orderNo: z.string(),
    status: OrderStatusSchema,
    paidFen: z.number().int(),
    paidAt: z.string().nullable(),
    readyAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    remark: z.string().nullable(),
    /** Why the order needs a human (docs/domain.md#orders, flags); null when nothing does. */
    flaggedReason: z.string().nullable(),
    customer: StaffCustomerSchema,
    pickup: StaffPickupSchema,
    items: z.array(StaffOrderItemSchema),
  })
  .openapi('StaffOrder');
export const StaffOrderListSchema = z.object({ items: z.array(StaffOrderSchema) });

export const OrderReadySchema = z
  .object({ id: z.number().int(), status: OrderStatusSchema, readyAt: z.string().nullable() })
  .openapi('OrderReady');

/** What a pickup code opens: the order to hand over (the quantities not refunded). */
export const PickupSummarySchema = z
  .object({
    orderId: z.number().int(),
    orderNo: z.string(),
    status: OrderStatusSchema,
    paidFen: z.number().int(),
    readyAt: z.string().nullable(),
    customer: StaffCustomerSchema,
    pickup: StaffPickupSchema,
    items: z.array(StaffOrderItemSchema),
  })
  .openapi('PickupSummary');

export const PickupDoneSchema = z
  .object({
    orderId: z.number().int(),
    orderNo: z.string(),
    status: z.literal('completed'),
    /** Points the customer got for the order (0 without a member). */
    pointsEarned: z.number().int(),
  })
  .openapi('PickupDone');

/** POST /api/staff/pickups/unlock: the store's wrong-code lock lifted (lockout.ts). */
export const StoreUnlockSchema = z
  .object({
    storeId: z.number().int(),
    /** False when the store was not locked (the call is audited all the same). */
    wasLocked: z.boolean(),
  })
  .openapi('StoreUnlock');

/** The manager's dashboard (queue.ts `storeMetrics`). */
export const StoreMetricsSchema = z
  .object({
    /** Start of the business day (Asia/Shanghai). */
    date: z.string(),
    gmvByChannel: z.array(z.object({ channel: SalesChannelSchema, orders: z.number().int(), gmvFen: z.number().int() })),
    pickups: z.object({ preparing: z.number().int(), ready: z.number().int(), overdue: z.number().int() }),
    /** Staff locked out of pickup verification today for too many wrong codes. */
    lockouts: z.array(z.object({ staffId: z.number().int(), nickname: z.string(), at: z.string() })),
  })
  .openapi('StoreMetrics');
