import { eq, inArray } from 'drizzle-orm';
import { enqueue } from '../outbox';
import { orderLines, refunds, type Tx } from '@shop/db';
import { returnForRefund } from '../coupon';
import type { AppDeps } from '../../deps';
import { REFUND_SENT_STATUSES } from '../../domain/refund-state';
import { applyTransition, type Actor as LifecycleActor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import type { PayNotification, RefundStatus as WechatRefundStatus } from '../../wechat/pay';
import { reverseForRefund } from '../member';
import { adjust, release, restock, withInventoryTx, type Actor, type StockLine } from '../inventory';
import { addRefunded, applyOrderEvent, clearFlag, flagOrder, lockOrder, type OrderRow } from '../order';
import { findRefundByNo, linesOfRefunds, lockRefund, refundsOfOrder, type RefundLineRow, type RefundRow } from './queries';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'logger'>;

/** What WeChat says about a refund: from a verified REFUND.* notification, a refund call or a query. */
export type WechatRefundResult = {
  outRefundNo: string;
  status: WechatRefundStatus;
  refundId?: string;
  /** amount.refund as WeChat reports it; checked against ours. */
  refundFen?: number;
  mchid?: string;
  successTime?: string;
};

/** A verified REFUND.* notification's plaintext (out_refund_no, refund_status, amount.refund …) in our terms. */
export function refundResultOf(notification: PayNotification): WechatRefundResult {
  const r = notification.resource;
  const amount = r.amount as { refund?: unknown } | undefined;
  const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    outRefundNo: String(r.out_refund_no ?? ''),
    // refund_status is the fact; the event type says the same and covers a resource without it.
    status: (str(r.refund_status) ?? notification.eventType.replace(/^REFUND\./, '')) as WechatRefundStatus,
    refundId: str(r.refund_id),
    refundFen: typeof amount?.refund === 'number' ? amount.refund : undefined,
    mchid: str(r.mchid),
    successTime: str(r.success_time),
  };
}

export type SettleRefundOutcome =
  'succeeded' | 'already_settled' | 'abnormal' | 'closed' | 'processing' | 'flagged' | 'ignored' | 'unknown_refund';

/** Refunds WeChat may still report on: the ones we sent (a failed one may have reached WeChat after all). */
const SENT = REFUND_SENT_STATUSES;
/** Settlements apply WeChat's word on the refund. */
const WECHAT: LifecycleActor = { type: 'wechat' };
/** Orders whose goods are still reserved at the store (pickup orders hold stock until handover). */
const UNPICKED: readonly OrderRow['status'][] = ['paid', 'awaiting_group', 'preparing', 'ready_for_pickup'];
/** An ABNORMAL refund is not final; staff fix it in the WeChat Pay console, and we look again this often. */
const ABNORMAL_RECHECK_MS = 2 * 3_600_000;
const SYSTEM: Actor = { type: 'system' };

/**
 * Applies WeChat's word on a refund, idempotently: each outcome is a guarded transition of the
 * refund row under the order's lock, so duplicate notifications and the notification/query race
 * settle once.
 */
export async function settleRefund(deps: Deps, result: WechatRefundResult): Promise<SettleRefundOutcome> {
  const found = await findRefundByNo(deps.db, result.outRefundNo);
  if (!found) return 'unknown_refund';
  switch (result.status) {
    case 'SUCCESS':
      // Inventory movements may deadlock with concurrent stock changes; the whole settlement retries.
      return withInventoryTx(deps.db, (tx) => settleSuccess(deps, tx, found.orderId, found.id, result));
    case 'ABNORMAL':
      return deps.db.transaction((tx) => settleAbnormal(deps, tx, found.orderId, found.id, result));
    case 'CLOSED':
      return deps.db.transaction((tx) => settleClosed(deps, tx, found.orderId, found.id, result));
    default:
      return 'processing';
  }
}

async function settleSuccess(
  deps: Deps,
  tx: Tx,
  orderId: number,
  refundId: number,
  result: WechatRefundResult,
): Promise<SettleRefundOutcome> {
  const locked = await lockSentRefund(deps, tx, orderId, refundId, result);
  if (typeof locked === 'string') return locked;
  const { order, refund } = locked;
  const mismatch = mismatchOf(deps, refund, result);
  if (mismatch) return holdForStaff(tx, order.id, refund, `退款信息不一致（${refund.outRefundNo}）：${mismatch}`);

  const now = deps.now();
  const lines = await linesOfRefunds(tx, [refund.id]);
  const full = order.refundedFen + refund.amountFen === order.paidFen;
  await addRefunded(tx, { orderId: order.id, outRefundNo: refund.outRefundNo, amountFen: refund.amountFen, lines });
  await returnStock(tx, order, refund, lines, full, now);
  // A full refund gives the coupon back while it is still valid (docs/domain.md#coupons).
  if (full && order.userCouponId) await returnForRefund(tx, { userCouponId: order.userCouponId, orderId: order.id, now });
  if (order.memberId) {
    await reverseForRefund(tx, {
      memberId: order.memberId,
      orderNo: order.orderNo,
      refundNo: refund.outRefundNo,
      paidFen: order.paidFen,
      refundedBeforeFen: order.refundedFen,
      refundFen: refund.amountFen,
    });
  }
  await markSucceeded(tx, refund, result, now);
  // A cancelled order paid too late stays cancelled: the money goes back, the status does not move.
  if (full && order.status !== 'cancelled')
    await applyOrderEvent(
      tx,
      order,
      'refund_all',
      { type: 'wechat' },
      { reason: refund.source, detail: { outRefundNo: refund.outRefundNo } },
    );
  await clearOwnFlag(tx, order, refund);
  // The customer hears about it (subscribe message) through the outbox, after this commits.
  await enqueue(
    tx,
    'refund.succeeded',
    { refundId: refund.id, orderId: order.id, amountFen: refund.amountFen },
    { dedupeKey: `refund.succeeded:${refund.outRefundNo}`, at: now },
  );
  return 'succeeded';
}

/**
 * Locks the order, then the refund (the order lock serialises every refund write of an order),
 * and says whether WeChat's result still has something to settle.
 */
async function lockSentRefund(deps: Deps, tx: Tx, orderId: number, refundId: number, result: WechatRefundResult) {
  const order = (await lockOrder(tx, orderId))!;
  const refund = (await lockRefund(tx, refundId))!;
  if (refund.status === 'succeeded') return 'already_settled' as const;
  if (!SENT.includes(refund.status)) return ignored(deps, refund, result);
  return { order, refund };
}

function ignored(deps: Deps, refund: RefundRow, result: WechatRefundResult): SettleRefundOutcome {
  // A requested or rejected refund was never sent: WeChat cannot be reporting on it.
  deps.logger.error(
    { outRefundNo: refund.outRefundNo, status: refund.status, wechat: result.status },
    'refund result for a refund never sent',
  );
  return 'ignored';
}

function mismatchOf(deps: Pick<Deps, 'config'>, refund: RefundRow, result: WechatRefundResult): string | null {
  if (result.mchid !== undefined && result.mchid !== deps.config.wechatPay.mchid) return 'mchid';
  if (result.refundFen !== undefined && result.refundFen !== refund.amountFen) return `金额 ${result.refundFen} ≠ ${refund.amountFen}`;
  return null;
}

/**
 * Goods back to sellable stock. Pickup orders hold their goods reserved under the order number
 * until handover, and handover commits that whole reservation; so:
 * - full refund before handover: release the reservation (all of it), and take back what earlier
 *   partial refunds put on the shelf as stand-ins (below), so on hand ends where it started;
 * - partial refund before handover: the reservation cannot shrink (handover commits it whole), so
 *   the refunded units are restocked under the refund number instead: sellable stock is right at
 *   once, and after the handover's commit on hand is exact;
 * - after handover (completed): the customer brings the goods back: restock under the refund number,
 *   except for an after-sale refund (source after_sale), whose goods the store's receipt restocked.
 * Every movement is idempotent per reference, like the rest of this settlement.
 */
async function returnStock(tx: Tx, order: OrderRow, refund: RefundRow, lines: RefundLineRow[], full: boolean, now: Date): Promise<void> {
  // Cancelling already released the stock of an order paid after it closed.
  if (order.status === 'cancelled') return;
  // An after-sale refund follows the store's receipt, which already put the goods back (aftersale).
  if (refund.source === 'after_sale') return;
  const common = { storeId: order.storeId, actor: SYSTEM, at: now };
  const unpicked = UNPICKED.includes(order.status);
  if (unpicked && full) {
    await release(tx, { ...common, reference: order.orderNo });
    for (const line of await earlierStandIns(tx, order, refund)) {
      await adjust(tx, {
        ...common,
        reference: refund.outRefundNo,
        skuId: line.skuId,
        delta: -line.qty,
        note: '整单退款：冲回部分退款时的代入库',
      });
    }
    return;
  }
  const stock = await stockLines(tx, lines);
  const note = unpicked ? '部分退款：未提货商品回到可售库存（预留在提货时整单出库）' : '退款退货入库';
  if (stock.length > 0) await restock(tx, { ...common, reference: refund.outRefundNo, lines: stock, note });
}

/** Units earlier partial refunds restocked while the order was unpicked (every succeeded one did). */
async function earlierStandIns(tx: Tx, order: OrderRow, current: RefundRow): Promise<StockLine[]> {
  const earlier = (await refundsOfOrder(tx, order.id)).filter((r) => r.status === 'succeeded' && r.id !== current.id);
  return stockLines(
    tx,
    await linesOfRefunds(
      tx,
      earlier.map((r) => r.id),
    ),
  );
}

async function stockLines(tx: Tx, lines: RefundLineRow[]): Promise<StockLine[]> {
  if (lines.length === 0) return [];
  const skuOf = new Map(
    (
      await tx
        .select({ id: orderLines.id, skuId: orderLines.skuId })
        .from(orderLines)
        .where(
          inArray(
            orderLines.id,
            lines.map((l) => l.orderLineId),
          ),
        )
    ).map((row) => [row.id, row.skuId]),
  );
  const bySku = new Map<number, number>();
  for (const line of lines) {
    const skuId = skuOf.get(line.orderLineId)!;
    bySku.set(skuId, (bySku.get(skuId) ?? 0) + line.qty);
  }
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty }));
}

async function markSucceeded(tx: Tx, refund: RefundRow, result: WechatRefundResult, now: Date): Promise<void> {
  await applyTransition(tx, lifecycles.refund, refund, 'succeed', {
    actor: WECHAT,
    at: now,
    set: {
      wechatStatus: 'SUCCESS',
      wechatRefundId: result.refundId ?? refund.wechatRefundId,
      succeededAt: result.successTime ? new Date(result.successTime) : now,
      nextAttemptAt: null,
      lastError: null,
    },
  });
}

async function settleAbnormal(
  deps: Deps,
  tx: Tx,
  orderId: number,
  refundId: number,
  result: WechatRefundResult,
): Promise<SettleRefundOutcome> {
  const locked = await lockSentRefund(deps, tx, orderId, refundId, result);
  if (typeof locked === 'string') return locked;
  const { refund } = locked;
  // Not final (e.g. the customer's card was closed): the money can still go out another way.
  const now = deps.now();
  await applyTransition(tx, lifecycles.refund, refund, 'abnormal', {
    actor: WECHAT,
    at: now,
    set: {
      wechatStatus: 'ABNORMAL',
      wechatRefundId: result.refundId ?? refund.wechatRefundId,
      nextAttemptAt: new Date(now.getTime() + ABNORMAL_RECHECK_MS),
      lastError: 'ABNORMAL',
    },
  });
  await flagOrder(tx, orderId, `退款异常（${refund.outRefundNo}）：微信无法退回原支付账户，需人工处理`);
  return 'abnormal';
}

async function settleClosed(
  deps: Deps,
  tx: Tx,
  orderId: number,
  refundId: number,
  result: WechatRefundResult,
): Promise<SettleRefundOutcome> {
  const locked = await lockSentRefund(deps, tx, orderId, refundId, result);
  if (typeof locked === 'string') return locked;
  const { refund } = locked;
  await applyTransition(tx, lifecycles.refund, refund, 'close', {
    actor: WECHAT,
    at: deps.now(),
    set: { wechatStatus: 'CLOSED', wechatRefundId: result.refundId ?? refund.wechatRefundId, nextAttemptAt: null, lastError: 'CLOSED' },
  });
  await flagOrder(tx, orderId, `退款已被微信关闭（${refund.outRefundNo}），需人工处理`);
  return 'closed';
}

/**
 * WeChat reports something that does not match our record: nothing is applied, the refund leaves
 * the retry job (asking again would only repeat the mismatch) and the order goes to staff.
 */
async function holdForStaff(tx: Tx, orderId: number, refund: RefundRow, reason: string): Promise<'flagged'> {
  await tx
    .update(refunds)
    .set({ nextAttemptAt: null, lastError: reason.slice(0, 255) })
    .where(eq(refunds.id, refund.id));
  await flagOrder(tx, orderId, reason);
  return 'flagged';
}

/** A flag this refund raised (its number is in the text) is resolved once the refund succeeds. */
async function clearOwnFlag(tx: Tx, order: OrderRow, refund: RefundRow): Promise<void> {
  if (order.flaggedReason?.includes(refund.outRefundNo)) await clearFlag(tx, order.id, order.flaggedReason);
}
