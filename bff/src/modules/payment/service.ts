import { eq } from 'drizzle-orm';
import { members, payments, type Tx } from '@shop/db';
import { useForOrder } from '../coupon';
import type { AppDeps } from '../../deps';
import type { PayTransaction } from '../../wechat/pay';
import { applyOrderEvent, clearFlag, findOrder, flagOrder, linesOf, recordLatePayment, type OrderRow } from '../order';
import { paymentOf, type PaymentRow } from './queries';
import { applyTransition, recordCreation, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';

const WECHAT: Actor = { type: 'wechat' };
import { READ_COMMITTED } from '../../transactions';
import { onGroupMemberPaid, refundFailedGroup, type PaidOutcome } from '../groupbuy';
import { executeRefund, requestRefund } from '../refund';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger' | 'orderJobs'>;

export type PaymentParams = { timeStamp: string; nonceStr: string; package: string; signType: 'RSA'; paySign: string };

/** Client payment params are kept until the order's pay deadline (prepay ids live 2 h; deadlines ≤ 2 h). */
const paramsKey = (orderNo: string) => `prepay:params:${orderNo}`;

/**
 * Taro.requestPayment params for an unpaid order; out_trade_no is the order number, so retries
 * reuse it. WeChat's prepay is idempotent per out_trade_no and an order's amount never changes, so
 * the first signed params are kept in Redis until the pay deadline and a second "pay" (the customer
 * coming back to the order) answers from there: no WeChat call, no RSA signature, no SQL. The caller
 * has checked the order is still unpaid and within its deadline.
 */
export async function preparePayment(deps: Deps & Pick<AppDeps, 'redis'>, order: OrderRow): Promise<PaymentParams> {
  const cached = await deps.redis.get(paramsKey(order.orderNo)).catch(() => null);
  if (cached) return JSON.parse(cached) as PaymentParams;
  const params = await requestPrepay(deps, order);
  const ttlMs = order.payDeadline!.getTime() - deps.now().getTime();
  if (ttlMs > 1_000) {
    await deps.redis
      .set(paramsKey(order.orderNo), JSON.stringify(params), { PX: ttlMs, NX: true })
      .catch((err: unknown) => deps.logger.warn({ err, orderNo: order.orderNo }, 'prepay params not cached'));
  }
  return params;
}

async function requestPrepay(deps: Deps, order: OrderRow): Promise<PaymentParams> {
  const [member] = await deps.db.select({ openid: members.openid }).from(members).where(eq(members.id, order.memberId!)).limit(1);
  await deps.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(payments)
      .ignore()
      .values({ orderId: order.id, outTradeNo: order.orderNo, method: 'wechat', amountFen: order.payableFen, status: 'pending' });
    // A retry finds the row already there (out_trade_no is unique): only the first records its creation.
    if (inserted.affectedRows === 1) {
      await recordCreation(
        tx,
        lifecycles.payment,
        { id: inserted.insertId, status: 'pending' },
        { actor: { type: 'member', id: order.memberId! }, at: deps.now() },
      );
    }
  });
  const prepay = await deps.pay.prepay({
    outTradeNo: order.orderNo,
    description: await describe(deps, order),
    amountFen: order.payableFen,
    payerOpenid: member.openid,
    expiresAt: order.payDeadline!,
  });
  await deps.db
    .update(payments)
    .set({ prepayId: prepay.prepayId, prepayExpiresAt: order.payDeadline })
    .where(eq(payments.outTradeNo, order.orderNo));
  return { timeStamp: prepay.timeStamp, nonceStr: prepay.nonceStr, package: prepay.package, signType: 'RSA', paySign: prepay.paySign };
}

async function describe(deps: Pick<Deps, 'db'>, order: OrderRow): Promise<string> {
  const lines = await linesOf(deps.db, [order.id]);
  const first = lines[0]?.title ?? '商品';
  const text = lines.length > 1 ? `${first} 等${lines.length}件商品` : first;
  // WeChat counts description in bytes (≤ 127).
  let out = text;
  while (Buffer.byteLength(out) > 120) out = [...out].slice(0, -1).join('');
  return out;
}

export type SettleOutcome = 'paid' | 'already_paid' | 'flagged' | 'refunding' | 'unknown_order';

/**
 * A payment WeChat vouches for (verified notification or query). Idempotent: duplicates and
 * the notification/query race settle once. The amount, appid and mchid must match our record,
 * otherwise the order is flagged for staff and not marked paid.
 */
export async function settlePayment(deps: Deps, trade: PayTransaction): Promise<SettleOutcome> {
  if (trade.tradeState !== 'SUCCESS') return 'unknown_order';
  let group: PaidOutcome | null = null;
  let lateFor: number | null = null;
  const outcome = await deps.db.transaction(async (tx): Promise<SettleOutcome> => {
    const [payment] = await tx.select().from(payments).where(eq(payments.outTradeNo, trade.outTradeNo)).for('update').limit(1);
    if (!payment) return 'unknown_order';
    if (payment.status === 'paid') return 'already_paid';
    const order = (await findOrder(tx, payment.orderId))!;
    const mismatch = mismatchOf(deps, trade, payment.amountFen);
    if (mismatch) return flag(tx, payment, order, `${MISMATCH_FLAG}${mismatch}`, trade, deps.now());
    // WeChat's word on this transaction now matches ours: an earlier mismatch flag is resolved.
    const cleared = await clearMismatchFlag(tx, order);
    await applyTransition(tx, lifecycles.payment, payment, 'pay', {
      actor: WECHAT,
      at: deps.now(),
      set: {
        transactionId: trade.transactionId,
        payerOpenid: trade.payerOpenid,
        paidAt: successTime(trade, deps.now()),
        settlement: { ...trade },
      },
    });
    if (order.status === 'cancelled') {
      // Paid after we closed it (the customer paid at the last second): the money goes back in full.
      await recordLatePayment(tx, order.id, { paidFen: trade.amountFen, paidAt: successTime(trade, deps.now()) });
      lateFor = order.id;
      return 'refunding';
    }
    group = await markOrderPaid(tx, order, trade, deps.now(), cleared);
    return 'paid';
  }, READ_COMMITTED);
  if (group) await afterGroupPayment(deps, group);
  if (lateFor) await refundLatePayment(deps, lateFor);
  return outcome;
}

/** Refunds a payment that arrived after its order was cancelled; the retry job finishes a failed call. */
async function refundLatePayment(deps: Deps, orderId: number): Promise<void> {
  const { refund, created } = await requestRefund(deps, {
    orderId,
    requestKey: 'paid_after_cancel',
    reason: '订单已关闭，自动退回付款',
    source: 'paid_after_cancel',
  });
  if (created)
    await executeRefund(deps, refund.id).catch((err: unknown) =>
      deps.logger.warn({ err, orderId }, 'late-payment refund call failed; the retry job sends it again'),
    );
}

/** After the payment committed: start the new group's clock, or refund a payment its group can no longer use. */
async function afterGroupPayment(deps: Deps, outcome: PaidOutcome): Promise<void> {
  if (outcome.kind === 'opened') await deps.orderJobs.expireGroupAt(outcome.groupId, outcome.expiresAt);
  if (outcome.kind === 'failed') await refundFailedGroup(deps, outcome.groupId);
}

async function markOrderPaid(
  tx: Tx,
  order: OrderRow,
  trade: PayTransaction,
  now: Date,
  clearedFlag: string | null,
): Promise<PaidOutcome | null> {
  const paidAt = successTime(trade, now);
  const status = await applyOrderEvent(
    tx,
    order,
    'pay',
    { type: 'wechat' },
    // The timeline keeps the mismatch the payment resolved, so staff can still read it.
    { set: { paidFen: trade.amountFen, paidAt }, reason: 'wechat_pay', detail: clearedFlag ? { clearedFlag } : undefined },
  );
  if (order.userCouponId) await useForOrder(tx, { userCouponId: order.userCouponId, orderId: order.id, at: paidAt, channel: 'online' });
  if (order.activityType === 'group') {
    // Group orders wait for their group; the Nth payment moves them all on together.
    await applyOrderEvent(tx, { id: order.id, status }, 'await_group', { type: 'system' }, { reason: 'paid' });
    return onGroupMemberPaid(tx, order, now);
  }
  // Pickup orders go straight to the store's preparation queue.
  await applyOrderEvent(tx, { id: order.id, status }, 'prepare', { type: 'system' }, { reason: 'paid' });
  return null;
}

/** The flag a mismatching notification raises (docs/domain.md#orders, flags). */
const MISMATCH_FLAG = '支付信息不一致：';

/**
 * A payment that settles with our amount, appid and mchid resolves the mismatch an earlier
 * notification of the same transaction raised: the flag described money that is now right.
 * Any other flag (a refund problem, an overdue after-sale request) is not the payment's to clear.
 */
async function clearMismatchFlag(tx: Tx, order: OrderRow): Promise<string | null> {
  if (!order.flaggedReason?.startsWith(MISMATCH_FLAG)) return null;
  await clearFlag(tx, order.id, order.flaggedReason);
  return order.flaggedReason;
}

function mismatchOf(deps: Pick<Deps, 'config'>, trade: PayTransaction, amountFen: number): string | null {
  if (trade.appid !== deps.config.wechat.appid) return 'appid';
  if (trade.mchid !== deps.config.wechatPay.mchid) return 'mchid';
  if (trade.amountFen !== amountFen) return `金额 ${trade.amountFen} ≠ ${amountFen}`;
  return null;
}

async function flag(
  tx: Tx,
  payment: PaymentRow,
  order: OrderRow,
  reason: string,
  trade: PayTransaction,
  now: Date,
): Promise<SettleOutcome> {
  await applyTransition(tx, lifecycles.payment, payment, 'flag', { actor: WECHAT, at: now, set: { settlement: { ...trade } } });
  await flagOrder(tx, order.id, reason);
  return 'flagged';
}

function successTime(trade: PayTransaction, fallback: Date): Date {
  return trade.successTime ? new Date(trade.successTime) : fallback;
}

/**
 * Asks WeChat about an unpaid order whose notification has not arrived (the client's
 * requestPayment "ok" is never proof). Used by the order page's polling and the reconciler.
 */
export async function syncPayment(deps: Deps, order: OrderRow): Promise<SettleOutcome | 'not_paid'> {
  const payment = await paymentOf(deps.db, order.id);
  if (!payment || payment.status !== 'pending') return 'not_paid';
  const trade = await deps.pay.query(order.orderNo).catch((err: unknown) => {
    deps.logger.warn({ err, orderNo: order.orderNo }, 'payment query failed');
    return null;
  });
  if (!trade || trade.tradeState !== 'SUCCESS') return 'not_paid';
  return settlePayment(deps, trade);
}
