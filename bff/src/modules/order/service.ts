import { and, eq } from 'drizzle-orm';
import { orderLineRows } from './lines';
import { members, orderEvents, orderLines, orders, outbox, userCoupons, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { reserve, withInventoryTx } from '../inventory/service';
import { newOrderNo } from './order-no';
import { findByIdempotencyKey, findOrder, type OrderRow } from './queries';
import { priceFromDatabase, type Priced } from './quote';
import type { CreateOrderInput } from './schema';
import { orderView, type OrderView } from './view';
import { preparePayment, type PaymentParams } from '../payment/service';
import { recordSeat, takeSeat } from '../groupbuy/admission';
import { holdFlashUnits, passGate, refuseAfterGate } from '../flashsale/admission';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'now' | 'config' | 'pay' | 'orderJobs' | 'logger'>;

export type CreatedOrder = { order: OrderView; payment: PaymentParams | null; paymentError?: { code: string; message: string } };

/**
 * POST /api/orders. One transaction re-prices from the database, writes the order and its lines,
 * reserves stock at the pickup store, locks the coupon and queues the unpaid-close; a retry with
 * the same Idempotency-Key returns the first order instead of making another.
 */
export async function createOrder(deps: Deps, memberId: number, idempotencyKey: string, input: CreateOrderInput): Promise<CreatedOrder> {
  // Flash sales: the Redis gate answers sold-out and over-limit before anything touches MariaDB.
  const pass = input.activity?.type === 'flash' ? await passGate(deps, memberId, idempotencyKey, input.activity, input.items) : null;
  let order: OrderRow;
  let created = false;
  try {
    const existing = await findByIdempotencyKey(deps.db, memberId, idempotencyKey);
    created = !existing;
    order = existing ?? (await insertOrderOnce(deps, memberId, idempotencyKey, input));
  } catch (err) {
    if (pass) await refuseAfterGate(deps.redis, pass, err);
    throw err;
  }
  // A key reused after its flash order was cancelled was admitted afresh but buys nothing: give the unit back.
  if (pass && !created) await refuseAfterGate(deps.redis, pass, null);
  if (created) await deps.orderJobs.closeUnpaidAt(order.id, order.payDeadline!);
  return withPayment(deps, order);
}

async function insertOrderOnce(deps: Deps, memberId: number, key: string, input: CreateOrderInput): Promise<OrderRow> {
  try {
    // Stock movements may deadlock under load; the whole order transaction is then retried.
    return await withInventoryTx(deps.db, (tx) => writeOrder(deps, tx, memberId, key, input));
  } catch (err) {
    // A concurrent retry with the same key got there first (it won the unique index, or its order
    // now fills the per-user limit this attempt ran into): answer with its order.
    const winner = await findByIdempotencyKey(deps.db, memberId, key);
    if (winner) return winner;
    throw err;
  }
}

async function writeOrder(deps: Deps, tx: Tx, memberId: number, key: string, input: CreateOrderInput): Promise<OrderRow> {
  const now = deps.now();
  const storeId = input.fulfillment.storeId;
  const priced = await priceFromDatabase(
    tx,
    memberId,
    { items: input.items, storeId, couponId: input.couponId, activity: input.activity },
    now,
  );
  const orderNo = newOrderNo(now);
  const payDeadline = new Date(now.getTime() + deps.config.orderPayTimeoutMinutes * 60_000);
  const sharerId = await validSharer(tx, input.sharerId, memberId);
  const admitted = await admitActivity(tx, priced, input, memberId, sharerId, now);

  // First write: the idempotency key's unique index serialises retries right here.
  const [inserted] = await tx.insert(orders).values({
    orderNo,
    memberId,
    storeId,
    channel: admitted.liveRoomId ? 'live' : 'online',
    fulfillment: 'pickup',
    status: 'pending_payment',
    idempotencyKey: key,
    ...admitted,
    sharerId,
    itemsTotalFen: priced.pricing.itemsTotalFen,
    memberDiscountFen: priced.pricing.memberDiscountFen,
    promotionDiscountFen: priced.pricing.promotionDiscountFen,
    couponDiscountFen: priced.pricing.couponDiscountFen,
    payableFen: priced.pricing.payableFen,
    userCouponId: priced.pricing.couponId,
    promotionId: priced.pricing.promotionId,
    tierCodeAtOrder: priced.tierCode,
    remark: input.remark,
    payDeadline,
  });
  const orderId = inserted.insertId;
  await tx.insert(orderLines).values(orderLineRows(orderId, priced));
  if (admitted.groupId) {
    const isLeader = input.activity?.type === 'group' && input.activity.groupId === undefined;
    await recordSeat(tx, { groupId: admitted.groupId, memberId, orderId, qty: priced.lines[0].qty, isLeader, invitedBy: sharerId });
  }
  await reserve(tx, {
    storeId,
    lines: priced.lines.map((l) => ({ skuId: l.skuId, qty: l.qty })),
    reference: orderNo,
    actor: { type: 'member', id: memberId },
    at: now,
  });
  if (priced.pricing.couponId !== null) await lockCoupon(tx, priced.pricing.couponId, memberId, orderId);
  await tx
    .insert(orderEvents)
    .values({ orderId, fromStatus: null, toStatus: 'pending_payment', actorType: 'member', actorId: memberId, reason: 'created' });
  // Backstop for the delayed close job: the sweeper finds it even if Redis lost the job.
  await tx
    .insert(outbox)
    .values({ topic: 'order.close_unpaid', dedupeKey: `close:${orderNo}`, payload: { orderId }, nextAttemptAt: payDeadline });
  const order = await findOrder(tx, orderId);
  return order!;
}

type AdmittedActivity = {
  activityType: 'group' | 'flash' | 'live' | null;
  activityId: number | null;
  groupId: number | null;
  liveRoomId: number | null;
};

/** Takes the activity's own stock and limits (a group seat, flash units) inside the order transaction. */
async function admitActivity(
  tx: Tx,
  priced: Priced,
  input: CreateOrderInput,
  memberId: number,
  invitedBy: number | null,
  now: Date,
): Promise<AdmittedActivity> {
  const none = { activityType: null, activityId: null, groupId: null, liveRoomId: null };
  const activity = priced.activity;
  const qty = priced.lines[0]?.qty ?? 0;
  switch (activity?.type) {
    case 'group': {
      const groupId = input.activity?.type === 'group' ? input.activity.groupId : undefined;
      const seat = await takeSeat(tx, { campaign: activity.campaign, groupId, memberId, qty, invitedBy, now });
      return { ...none, activityType: 'group', activityId: activity.campaign.id, groupId: seat };
    }
    case 'flash':
      await holdFlashUnits(tx, activity.sale, memberId, qty);
      return { ...none, activityType: 'flash', activityId: activity.sale.id };
    case 'live':
      return { ...none, activityType: 'live', activityId: activity.liveRoomId, liveRoomId: activity.liveRoomId };
    default:
      return none;
  }
}

/** The coupon is held by this order until it is paid (used) or cancelled (available again). */
async function lockCoupon(tx: Tx, userCouponId: number, memberId: number, orderId: number): Promise<void> {
  const [locked] = await tx
    .update(userCoupons)
    .set({ status: 'locked', lockedOrderId: orderId })
    .where(and(eq(userCoupons.id, userCouponId), eq(userCoupons.memberId, memberId), eq(userCoupons.status, 'available')));
  if (locked.affectedRows !== 1) throw errors.rule('COUPON_UNAVAILABLE', '优惠券不可用或已被使用');
}

/** Attribution is best effort: an unknown sharer or sharing with oneself records nothing. */
async function validSharer(tx: Tx, sharerId: number | undefined, memberId: number): Promise<number | null> {
  if (!sharerId || sharerId === memberId) return null;
  const [row] = await tx.select({ id: members.id }).from(members).where(eq(members.id, sharerId)).limit(1);
  return row?.id ?? null;
}

/** The order plus fresh Taro.requestPayment params while it is unpaid. */
export async function withPayment(deps: Deps, order: OrderRow): Promise<CreatedOrder> {
  const view = await orderView(deps.db, order);
  if (order.status !== 'pending_payment') return { order: view, payment: null };
  try {
    return { order: view, payment: await preparePayment(deps, order) };
  } catch (err) {
    deps.logger.warn({ err, orderNo: order.orderNo }, 'prepay failed; the customer can pay again');
    return { order: view, payment: null, paymentError: { code: 'PAYMENT_UNAVAILABLE', message: '支付暂不可用，请稍后在订单中重新支付' } };
  }
}
