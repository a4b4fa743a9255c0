import { char, index, int, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';
import { refundSources } from './refunds';

/** Order states (docs/domain.md#orders). Allowed transitions live in the BFF's order state machine. */
export const orderStatuses = [
  'pending_payment', // 待付款
  'paid', // 已付款
  'awaiting_group', // 拼团中
  'preparing', // 备货中
  'ready_for_pickup', // 待自提
  'completed', // 已完成
  'cancelled', // 已取消
  'refunded', // 已退款 (closed by a full refund)
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Where the sale happened, for GMV by channel. */
export const orderChannels = ['online', 'offline', 'live'] as const;
export const activityTypes = ['group', 'flash', 'live'] as const;

export const orders = mysqlTable(
  'orders',
  {
    id: id(),
    /** Our order number, also WeChat Pay's out_trade_no (6–32 chars). */
    orderNo: varchar('order_no', { length: 32 }).notNull(),
    memberId: ref('member_id'),
    storeId: ref('store_id').notNull(),
    channel: mysqlEnum('channel', orderChannels).notNull(),
    fulfillment: mysqlEnum('fulfillment', ['pickup', 'in_store']).notNull(),
    status: mysqlEnum('status', orderStatuses).notNull(),
    /** Client-chosen key: a retried create returns the same order. */
    idempotencyKey: varchar('idempotency_key', { length: 64 }),
    /**
     * SHA-256 (hex) of the route and the canonical body that made this order (online: the member's
     * key; till: the staff member's key). The same key with another body is 422, never the first order.
     */
    requestFingerprint: char('request_fingerprint', { length: 64 }),
    // attribution
    activityType: mysqlEnum('activity_type', activityTypes),
    activityId: ref('activity_id'),
    groupId: ref('group_id'),
    liveRoomId: ref('live_room_id'),
    sharerId: ref('sharer_id'),
    /** Staff who rang up an offline sale. */
    staffId: ref('staff_id'),
    // amounts (fen); the lines sum exactly to payable_fen
    itemsTotalFen: fen('items_total_fen').notNull(),
    memberDiscountFen: fen('member_discount_fen').notNull().default(0),
    promotionDiscountFen: fen('promotion_discount_fen').notNull().default(0),
    couponDiscountFen: fen('coupon_discount_fen').notNull().default(0),
    payableFen: fen('payable_fen').notNull(),
    paidFen: fen('paid_fen').notNull().default(0),
    refundedFen: fen('refunded_fen').notNull().default(0),
    userCouponId: ref('user_coupon_id'),
    promotionId: ref('promotion_id'),
    tierCodeAtOrder: varchar('tier_code_at_order', { length: 16 }),
    remark: varchar('remark', { length: 255 }),
    /** 提货人手机号: who collects a pickup order (the member's own phone unless they gave another). */
    pickupPhone: varchar('pickup_phone', { length: 20 }),
    /** 预约自提时段 the customer chose within the store's opening hours (UTC; shown in Asia/Shanghai). */
    pickupSlotStart: utc('pickup_slot_start'),
    pickupSlotEnd: utc('pickup_slot_end'),
    /** Set when something needs a human (amount mismatch on notify, refund keeps failing). */
    flaggedReason: varchar('flagged_reason', { length: 255 }),
    payDeadline: utc('pay_deadline'),
    paidAt: utc('paid_at'),
    readyAt: utc('ready_at'),
    completedAt: utc('completed_at'),
    cancelledAt: utc('cancelled_at'),
    cancelReason: varchar('cancel_reason', { length: 64 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_no_uq').on(t.orderNo),
    // POST /api/orders retry with the same Idempotency-Key
    uniqueIndex('orders_idempotency_uq').on(t.memberId, t.idempotencyKey),
    // GET /api/orders (all statuses): my orders, newest first, keyset-paged by id (WHERE member_id = ? AND id < ? ORDER BY id DESC)
    index('orders_member_recent_idx').on(t.memberId, t.id),
    // GET /api/orders?status=: my orders in one status, newest first by id
    index('orders_member_status_idx').on(t.memberId, t.status, t.id),
    // staff preparation queue / metrics: a store's orders by status
    index('orders_store_status_idx').on(t.storeId, t.status, t.createdAt),
    // GET /api/staff/orders?status=flagged: a store's orders that need a human (flagged_reason IS NOT NULL)
    index('orders_store_flagged_idx').on(t.storeId, t.flaggedReason),
    // close-unpaid sweeper: pending orders past their deadline
    index('orders_status_deadline_idx').on(t.status, t.payDeadline),
    // group success / failure: all orders of a group
    index('orders_group_idx').on(t.groupId),
    // GMV per live room
    index('orders_live_room_idx').on(t.liveRoomId),
    // per-user limits of a flash sale / group campaign: a member's orders of one activity
    index('orders_activity_member_idx').on(t.activityType, t.activityId, t.memberId),
  ],
);

export const orderLines = mysqlTable(
  'order_lines',
  {
    id: id(),
    orderId: ref('order_id').notNull(),
    skuId: ref('sku_id').notNull(),
    productId: ref('product_id').notNull(),
    // snapshots: what the customer saw when buying
    title: varchar('title', { length: 128 }).notNull(),
    specText: varchar('spec_text', { length: 128 }).notNull().default(''),
    imageUrl: varchar('image_url', { length: 512 }).notNull().default(''),
    qty: int('qty').notNull(),
    /** SKU price at order time. */
    unitPriceFen: fen('unit_price_fen').notNull(),
    /** Activity price when the line is in a flash sale / group buy / live; excludes member discount. */
    activityPriceFen: fen('activity_price_fen'),
    memberDiscountFen: fen('member_discount_fen').notNull().default(0),
    promotionShareFen: fen('promotion_share_fen').notNull().default(0),
    couponShareFen: fen('coupon_share_fen').notNull().default(0),
    /** What this line costs the customer after every allocation; partial refunds use it. */
    payableFen: fen('payable_fen').notNull(),
    refundedQty: int('refunded_qty').notNull().default(0),
    refundedFen: fen('refunded_fen').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // order detail
    index('order_lines_order_idx').on(t.orderId),
    // sales reports per SKU
    index('order_lines_sku_idx').on(t.skuId),
  ],
);

/**
 * Why an order moved: every reason the BFF writes to `order_events.reason`, which the order page's
 * timeline shows in Chinese. A refund that closes the order writes the refund's source.
 * bff/test/order/timeline-reasons.test.ts keeps this list equal to what bff/src writes.
 */
export const orderEventReasons = [
  'created', // placed online, or rung up at the till
  'wechat_pay', // WeChat Pay confirmed the payment
  'paid', // into the store's preparation queue, or waiting for the group to fill
  'group_succeeded', // the group filled up: preparation starts
  'prepared', // 备货完成: ready for pickup
  'picked_up', // 核销: handed over at the store
  'till_sale', // sold and handed over at the till
  'payment_timeout', // closed unpaid at the pay deadline
  'customer_cancelled', // cancelled by the customer before paying
  'placement_failed', // a later step of placing it failed: cancelled, holds given back (docs/decisions/0010-steps-with-undo.md)
  ...refundSources, // refunded in full
] as const;
export type OrderEventReason = (typeof orderEventReasons)[number];

/** Status timeline shown on the order page and used for lead-time metrics. */
export const orderEvents = mysqlTable(
  'order_events',
  {
    id: id(),
    orderId: ref('order_id').notNull(),
    fromStatus: mysqlEnum('from_status', orderStatuses),
    toStatus: mysqlEnum('to_status', orderStatuses).notNull(),
    actorType: mysqlEnum('actor_type', ['system', 'member', 'staff', 'wechat']).notNull(),
    actorId: ref('actor_id'),
    reason: varchar('reason', { length: 64 }),
    detail: json('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    // order detail timeline
    index('order_events_order_idx').on(t.orderId, t.id),
  ],
);

/** A pickup code's status; the BFF's pickup-code lifecycle table says how it moves. */
export const pickupCodeStatuses = ['open', 'used', 'void'] as const;
export type PickupCodeStatus = (typeof pickupCodeStatuses)[number];

/**
 * Pickup codes. Only an HMAC of the 8 digits is stored, so a database leak reveals no usable code.
 * open_code_hash is cleared when the code closes, so uniqueness holds among a store's open codes.
 */
export const pickupCodes = mysqlTable(
  'pickup_codes',
  {
    orderId: ref('order_id').primaryKey(),
    storeId: ref('store_id').notNull(),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    openCodeHash: varchar('open_code_hash', { length: 64 }),
    /** The code sealed (AES-GCM) under PICKUP_CODE_SECRET, so the customer can be shown it again; useless without the key. */
    sealedCode: varchar('sealed_code', { length: 128 }).notNull(),
    status: mysqlEnum('status', pickupCodeStatuses).notNull().default('open'),
    verifiedByStaffId: ref('verified_by_staff_id'),
    verifiedAt: utc('verified_at'),
    reminderCount: int('reminder_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // POST /api/staff/pickups/verify: the store's open code with this hash
    uniqueIndex('pickup_codes_store_open_uq').on(t.storeId, t.openCodeHash),
  ],
);
