import type { Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { assertSameRequest, requestFingerprint } from '../../http/fingerprint';
import { runSteps, type AfterStep, type Step } from '../../steps';
import { passGate, refuseAfterGate, type GatePass } from '../flashsale';
import { usableOnline } from '../coupon';
import { withInventoryTx } from '../inventory';
import { findMemberById } from '../member';
import { findByIdempotencyKey, findOrder, newOrderNo, placeOrder, type OrderRow } from '../order';
import { preparePayment, type PaymentParams } from '../payment';
import { priceFromDatabase } from '../pricing';
import { voidUnplaced } from './close';
import { takeHolds, type Placing } from './holds';
import { findStoreBrief, pickupFields } from './pickup';
import type { CreateOrderInput } from './schema';
import { orderView, type OrderView } from './view';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'now' | 'config' | 'pay' | 'orderJobs' | 'logger'>;

export type CreatedOrder = { order: OrderView; payment: PaymentParams | null; paymentError?: { code: string; message: string } };

/** One order placement as the steps see it. */
type Placement = {
  deps: Deps;
  memberId: number;
  key: string;
  /** The request the key names (route + canonical body): the same key with another body is 422. */
  fingerprint: string;
  input: CreateOrderInput;
  afterStep?: AfterStep;
  pass: GatePass | null;
  order: OrderRow | null;
  /** False when the key had already made its order: nothing was placed now. */
  created: boolean;
};

/**
 * POST /api/orders, as declared steps (steps.ts): the flash gate, the order transaction (re-price
 * from the database, the activity's hold, the order, stock, coupon — see holds.ts), the unpaid
 * close job. A failure undoes the steps done, in reverse. A retry with the same Idempotency-Key
 * and the same body returns the first order instead of making another; the same key with another
 * body is 422 IDEMPOTENCY_KEY_REUSED (docs/decisions/0009-idempotency-keys-on-external-calls.md).
 */
export async function createOrder(
  deps: Deps,
  memberId: number,
  idempotencyKey: string,
  input: CreateOrderInput,
  options: { afterStep?: AfterStep } = {},
): Promise<CreatedOrder> {
  const placement: Placement = {
    deps,
    memberId,
    key: idempotencyKey,
    fingerprint: requestFingerprint(CREATE_ORDER_ROUTE, input),
    input,
    afterStep: options.afterStep,
    pass: null,
    order: null,
    created: false,
  };
  await runSteps(PLACE_ORDER, placement, {
    afterStep: options.afterStep,
    onUndoError: (step, err) => deps.logger.error({ err, step, memberId }, 'undoing an order step failed; the sweepers finish it'),
  });
  return withPayment(deps, placement.order!);
}

const CREATE_ORDER_ROUTE = 'POST /api/orders';

/** The first order of this key, if the key names this very request (422 for another body). */
async function firstOrderOfKey(p: Placement): Promise<OrderRow | undefined> {
  const order = await findByIdempotencyKey(p.deps.db, p.memberId, p.key);
  if (order) assertSameRequest(order.requestFingerprint, p.fingerprint, '订单');
  return order;
}

/** Flash sales: the Redis gate answers sold-out and over-limit before anything touches MariaDB. */
const flashGate: Step<Placement> = {
  name: 'flash_gate',
  async run(p) {
    if (p.input.activity?.type === 'flash') p.pass = await passGate(p.deps, p.memberId, p.key, p.input.activity, p.input.items);
  },
  async undo(p, cause) {
    if (p.pass) await refuseAfterGate(p.deps.redis, p.pass, cause);
  },
};

const orderTransaction: Step<Placement> = {
  name: 'order',
  async run(p) {
    const existing = await firstOrderOfKey(p);
    const placed = existing ? { order: existing, created: false } : await insertOrderOnce(p);
    p.order = placed.order;
    p.created = placed.created;
    // A key reused after its flash order was cancelled was admitted afresh but buys nothing: give the unit back.
    if (p.pass && !p.created) await refuseAfterGate(p.deps.redis, p.pass, null);
  },
  async undo(p) {
    if (p.created && p.order) await voidUnplaced(p.deps, p.order);
  },
};

/** The delayed close; the unpaid sweeper is its backstop if Redis ever loses it. */
const closeJob: Step<Placement> = {
  name: 'close_job',
  async run(p) {
    if (p.created) await p.deps.orderJobs.closeUnpaidAt(p.order!.id, p.order!.payDeadline!);
  },
  async undo(p) {
    if (p.created) await p.deps.orderJobs.cancelClose(p.order!.id);
  },
};

export const PLACE_ORDER: readonly Step<Placement>[] = [flashGate, orderTransaction, closeJob];

async function insertOrderOnce(p: Placement): Promise<{ order: OrderRow; created: boolean }> {
  try {
    // Stock movements may deadlock under load; the whole order transaction is then retried.
    return { order: await withInventoryTx(p.deps.db, (tx) => writeOrder(p, tx)), created: true };
  } catch (err) {
    // A concurrent retry with the same key got there first (it won the unique index, or its order
    // now fills the per-user limit this attempt ran into): answer with its order.
    const winner = await firstOrderOfKey(p);
    if (winner) return { order: winner, created: false };
    throw err;
  }
}

/** One transaction: price, the activity's hold, the order row, then the holds that need its id. */
async function writeOrder(p: Placement, tx: Tx): Promise<OrderRow> {
  const { deps, memberId, input } = p;
  const now = deps.now();
  const held = await usableOnline(tx, memberId, now);
  const priced = await priceFromDatabase(
    tx,
    memberId,
    { items: input.items, couponId: input.couponId, activity: input.activity, held },
    now,
  );
  // The slot is checked against the store's hours before anything is held (422 with the reason).
  const pickup = pickupFields(await findStoreBrief(tx, input.fulfillment.storeId), await findMemberById(tx, memberId), input.pickup, now);
  const joinGroupId = input.activity?.type === 'group' ? input.activity.groupId : undefined;
  const placing: Placing = {
    tx,
    memberId,
    priced,
    joinGroupId,
    invitedBy: await validSharer(tx, input.sharerId, memberId),
    now,
    groupId: null,
    order: null,
  };
  await takeHolds(placing, 'before_order', p.afterStep);

  const activity = priced.activity;
  const liveRoomId = activity?.type === 'live' ? activity.liveRoomId : null;
  // First write: the idempotency key's unique index serialises retries right here.
  const orderId = await placeOrder(
    tx,
    {
      orderNo: newOrderNo(now),
      memberId,
      storeId: input.fulfillment.storeId,
      channel: liveRoomId ? 'live' : 'online',
      fulfillment: 'pickup',
      idempotencyKey: p.key,
      requestFingerprint: p.fingerprint,
      activityType: activity?.type ?? null,
      activityId: activity?.type === 'group' ? activity.campaign.id : activity?.type === 'flash' ? activity.sale.id : liveRoomId,
      groupId: placing.groupId,
      liveRoomId,
      sharerId: placing.invitedBy,
      itemsTotalFen: priced.pricing.itemsTotalFen,
      memberDiscountFen: priced.pricing.memberDiscountFen,
      promotionDiscountFen: priced.pricing.promotionDiscountFen,
      couponDiscountFen: priced.pricing.couponDiscountFen,
      payableFen: priced.pricing.payableFen,
      userCouponId: priced.pricing.couponId,
      promotionId: priced.pricing.promotionId,
      tierCodeAtOrder: priced.tierCode,
      remark: input.remark,
      ...pickup,
      payDeadline: new Date(now.getTime() + deps.config.orderPayTimeoutMinutes * 60_000),
    },
    priced,
    { type: 'member', id: memberId },
  );
  placing.order = (await findOrder(tx, orderId))!;
  await takeHolds(placing, 'after_order', p.afterStep);
  return placing.order as OrderRow;
}

/** Attribution is best effort: an unknown sharer or sharing with oneself records nothing. */
async function validSharer(tx: Tx, sharerId: number | undefined, memberId: number): Promise<number | null> {
  if (!sharerId || sharerId === memberId) return null;
  return (await findMemberById(tx, sharerId)) ? sharerId : null;
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
