import { z } from 'zod';

/**
 * Every outbox topic, with the payload it carries (docs/decisions/0004-outbox.md). A topic is
 * either delivered (a handler turns the row into an effect, retried until done or dead) or
 * record-only (written done, kept for `retentionDays` as the history staff and audits read, then
 * purged). No other kind exists, so no row can wait for a consumer that does not exist.
 */
const id = z.number().int().positive();

export const GroupResultPayload = z.object({
  memberId: id,
  orderId: id,
  groupId: id,
  campaignTitle: z.string(),
  groupSize: z.number().int().min(2),
  payableFen: z.number().int().nonnegative(),
});
export const GroupFailedPayload = GroupResultPayload.extend({ refunded: z.boolean() });
export const PickupReadyPayload = z.object({
  memberId: id,
  orderId: id,
  orderNo: z.string().min(1),
  storeName: z.string(),
  pickupDeadline: z.iso.datetime({ offset: true }),
  /** The day-3 reminder of an order still not collected (same template, a more urgent hint). */
  reminder: z.boolean().optional(),
});
/** Unused coupons of a member that end tomorrow (Asia/Shanghai), one message per member per day. */
export const CouponExpiringPayload = z.object({
  memberId: id,
  count: z.number().int().min(1),
  couponName: z.string(),
  validTo: z.iso.datetime({ offset: true }),
});
/** A member's 开抢提醒 for a flash sale about to start (reminder module, sent once per reminder). */
export const FlashStartingPayload = z.object({
  memberId: id,
  reminderId: id,
  flashSaleId: id,
  title: z.string(),
  priceFen: z.number().int().nonnegative(),
  startsAt: z.iso.datetime({ offset: true }),
});
export const LiveStartingPayload = z.object({
  memberId: id,
  reminderId: id,
  liveRoomId: id,
  title: z.string(),
  hostName: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
});
const RefundStatusPayload = z.object({ refundId: id, orderId: id });

type Delivered = { delivery: 'delivered'; payload: z.ZodType<Record<string, unknown>> };
type Recorded = { delivery: 'recorded'; payload: z.ZodType<Record<string, unknown>>; retentionDays: number };

export const OUTBOX_TOPICS = {
  /** 拼团结果 subscribe message to each paid member (notify). */
  'group.succeeded': { delivery: 'delivered', payload: GroupResultPayload },
  'group.failed': { delivery: 'delivered', payload: GroupFailedPayload },
  /** 取货提醒 subscribe message: the order is ready, or (reminder) still waiting on day 3 (notify). */
  'pickup.ready': { delivery: 'delivered', payload: PickupReadyPayload },
  /** 优惠券到期提醒 subscribe message the day before unused coupons end (notify). */
  'coupon.expiring': { delivery: 'delivered', payload: CouponExpiringPayload },
  /** 秒杀开抢提醒 subscribe message a few minutes before the sale starts (notify). */
  'flash.starting': { delivery: 'delivered', payload: FlashStartingPayload },
  /** 直播开播提醒 subscribe message a few minutes before a live room's start (notify). */
  'live.starting': { delivery: 'delivered', payload: LiveStartingPayload },
  /** After-sale history for staff screens and audits. */
  'refund.requested': {
    delivery: 'recorded',
    retentionDays: 180,
    payload: RefundStatusPayload.extend({
      storeId: id,
      outRefundNo: z.string(),
      status: z.enum(['requested', 'approved']),
      source: z.string(),
    }),
  },
  'refund.rejected': { delivery: 'recorded', retentionDays: 180, payload: RefundStatusPayload },
  'refund.succeeded': { delivery: 'recorded', retentionDays: 180, payload: RefundStatusPayload.extend({ amountFen: z.number().int() }) },
  'after_sale.escalated': {
    delivery: 'recorded',
    retentionDays: 180,
    payload: RefundStatusPayload.extend({ storeId: id, outRefundNo: z.string(), respondBy: z.string().optional() }),
  },
} as const satisfies Record<string, Delivered | Recorded>;

export type OutboxTopic = keyof typeof OUTBOX_TOPICS;
export type DeliveredTopic = { [T in OutboxTopic]: (typeof OUTBOX_TOPICS)[T]['delivery'] extends 'delivered' ? T : never }[OutboxTopic];
export type TopicPayload<T extends OutboxTopic> = z.input<(typeof OUTBOX_TOPICS)[T]['payload']>;

export function isOutboxTopic(topic: string): topic is OutboxTopic {
  return Object.hasOwn(OUTBOX_TOPICS, topic);
}

export const DELIVERED_TOPICS = (Object.keys(OUTBOX_TOPICS) as OutboxTopic[]).filter(
  (t): t is DeliveredTopic => OUTBOX_TOPICS[t].delivery === 'delivered',
);
