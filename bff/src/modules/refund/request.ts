import { eq } from 'drizzle-orm';
import { enqueue } from '../outbox';
import { payments, refundLines, refunds, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { REFUNDABLE_STATUSES, REFUND_WITHOUT_REVIEW } from '../../domain/order-state';
import { AppError, errors } from '../../http/errors';
import { assertSameRequest, keyReused } from '../../http/fingerprint';
import { recordCreation } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { lockOrder, type OrderRow } from '../order';
import { withInventoryTx } from '../inventory';
import { outRefundNo, planRefund, type RefundPick, type RefundProblem } from './amounts';
import {
  committedByLine,
  committedFenOfOrder,
  countRefundsOfOrder,
  findRefund,
  lockByRequestKey,
  orderLinesOf,
  type RefundRow,
} from './queries';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config'>;

/** Who asked: the customer's after-sale, or the system (failed group, overdue pickup, a payment that arrived after the order closed) or staff. */
export type RefundSource = 'customer' | 'group_failed' | 'pickup_overdue' | 'paid_after_cancel' | 'staff' | 'after_sale';

export type RefundRequestInput = {
  orderId: number;
  /** Idempotency: the same (order, key) always answers with the first refund. At most 64 characters. */
  requestKey: string;
  /**
   * The customer's request (http/fingerprint.ts): the same key with another body (other lines,
   * another reason) is 422 IDEMPOTENCY_KEY_REUSED. System requests, keyed by their cause, have none.
   */
  fingerprint?: string;
  reason: string;
  /** Omitted: everything still refundable. */
  lines?: RefundPick[];
  source: RefundSource;
  /** For customer requests: the order must be theirs (404 otherwise). */
  memberId?: number;
};

export type RefundRequestOutcome = { refund: RefundRow; created: boolean };

/**
 * Creates a refund for a whole order or some of its lines, once per (order, request key): the key
 * is stored on the refund (`refunds.request_key`, unique per order), never in the outbox.
 * Everything happens under the order's row lock, so concurrent requests for one order (a double
 * tap, or a customer racing the failed-group job) queue up: a duplicate key finds the first
 * refund, and a different key sees the amounts the first one already holds and cannot over-refund.
 * The refund is `requested` when staff must review it, else `approved` and due at once; the
 * caller then runs executeRefund (the retry job would pick it up anyway).
 *
 * Why no ER_DUP_ENTRY handling: every insert into refunds happens here, after lockOrder, so two
 * requests with one key never both pass the lookup; the second waits on the order row until the
 * first commits, then its locking read finds that refund. A duplicate-key error on
 * refunds_order_request_uq would mean that lock order was broken: a bug, rightly a 500.
 */
export async function requestRefund(deps: Deps, input: RefundRequestInput): Promise<RefundRequestOutcome> {
  // Deadlock-retried at READ COMMITTED: jobs request refunds of many orders side by side.
  return withInventoryTx(deps.db, (tx) => requestRefundInTx(deps, tx, input));
}

/**
 * requestRefund inside the caller's transaction, for a step that must commit with the refund
 * (the after-sale receipt: goods back in stock and their refund requested at once). The caller
 * has locked the order first or lets this lock it (lock order: order, then refund); it runs
 * executeRefund after its commit.
 */
export async function requestRefundInTx(deps: Deps, tx: Tx, input: RefundRequestInput): Promise<RefundRequestOutcome> {
  const order = await lockOrder(tx, input.orderId);
  if (!order || (input.memberId !== undefined && order.memberId !== input.memberId)) {
    throw errors.notFound('ORDER_NOT_FOUND', '订单不存在');
  }
  const existing = await lockByRequestKey(tx, order.id, input.requestKey);
  if (existing) {
    // A customer's key that names a system refund (its cause key) is not their request either.
    if (input.fingerprint !== undefined && existing.source !== input.source) throw keyReused('退款申请');
    if (input.fingerprint !== undefined) assertSameRequest(existing.requestFingerprint, input.fingerprint, '退款申请');
    return { refund: existing, created: false };
  }
  await assertRefundable(tx, order, input.source);
  const plan = await planFor(tx, order, input.lines);
  return { refund: await insertRefund(deps, tx, order, input, plan), created: true };
}

async function assertRefundable(tx: Tx, order: OrderRow, source: RefundSource): Promise<void> {
  // A cancelled order holds money only when the customer paid after it closed.
  const cancelledButPaid = order.status === 'cancelled' && source === 'paid_after_cancel';
  if (!REFUNDABLE_STATUSES.includes(order.status) && !cancelledButPaid) throw errors.rule('REFUND_NOT_ALLOWED', '当前订单状态不支持退款');
  // Till sales were paid in the store (cash or the store's own terminal): they are refunded there.
  const [payment] = await tx.select().from(payments).where(eq(payments.orderId, order.id)).limit(1);
  if (!payment || payment.method !== 'wechat' || payment.status !== 'paid' || order.paidFen <= 0) {
    throw errors.rule('REFUND_NOT_ALLOWED', '该订单不支持线上退款，请到门店办理');
  }
}

type Plan = Extract<ReturnType<typeof planRefund>, { ok: true }>;

async function planFor(tx: Tx, order: OrderRow, picks: RefundPick[] | undefined): Promise<Plan> {
  const lines = await orderLinesOf(tx, order.id);
  const committed = await committedByLine(tx, order.id);
  const committedFen = await committedFenOfOrder(tx, order.id);
  const refundable = lines.map((line) => ({
    id: line.id,
    qty: line.qty,
    payableFen: line.payableFen,
    committedQty: committed.get(line.id)?.qty ?? 0,
    committedFen: committed.get(line.id)?.fen ?? 0,
  }));
  const plan = planRefund(refundable, picks, order.paidFen - committedFen);
  if (!plan.ok) throw problemError(plan.problem, plan.orderLineId);
  return plan;
}

const PROBLEMS: Record<RefundProblem, { kind: 'validation' | 'business_rule'; code: string; message: string }> = {
  unknown_line: { kind: 'business_rule', code: 'REFUND_LINE_NOT_FOUND', message: '订单中没有该商品' },
  duplicate_line: { kind: 'validation', code: 'VALIDATION_FAILED', message: '同一商品请只填写一次' },
  bad_qty: { kind: 'validation', code: 'VALIDATION_FAILED', message: '退款数量不正确' },
  qty_exceeds: { kind: 'business_rule', code: 'REFUND_QTY_EXCEEDS', message: '退款数量超过可退数量' },
  nothing_left: { kind: 'business_rule', code: 'REFUND_NOTHING_LEFT', message: '订单已全部退款或正在退款中' },
  zero_amount: { kind: 'business_rule', code: 'REFUND_AMOUNT_ZERO', message: '所选商品实付金额为 0，无需退款' },
  exceeds_paid: { kind: 'business_rule', code: 'REFUND_EXCEEDS_PAID', message: '退款金额超过可退金额' },
};

function problemError(problem: RefundProblem, orderLineId?: number): AppError {
  const p = PROBLEMS[problem];
  return new AppError(p.kind, p.code, p.message, orderLineId !== undefined ? { orderLineId } : undefined);
}

/** Customers' requests wait for staff once the store has marked the order ready (docs/domain.md#refunds). */
function needsReview(order: OrderRow, source: RefundSource): boolean {
  return source === 'customer' && !REFUND_WITHOUT_REVIEW.includes(order.status);
}

async function insertRefund(deps: Deps, tx: Tx, order: OrderRow, input: RefundRequestInput, plan: Plan): Promise<RefundRow> {
  const now = deps.now();
  const review = needsReview(order, input.source);
  const no = outRefundNo(order.orderNo, (await countRefundsOfOrder(tx, order.id)) + 1);
  const [inserted] = await tx.insert(refunds).values({
    orderId: order.id,
    outRefundNo: no,
    requestKey: input.requestKey,
    requestFingerprint: input.fingerprint ?? null,
    amountFen: plan.amountFen,
    reason: input.reason.slice(0, 255),
    source: input.source,
    status: review ? 'requested' : 'approved',
    requestedByMemberId: input.source === 'customer' ? (input.memberId ?? order.memberId) : null,
    respondBy: review ? new Date(now.getTime() + deps.config.afterSaleResponseHours * 3_600_000) : null,
    // Approved refunds are due now: if this process dies before calling WeChat, the retry job does it.
    nextAttemptAt: review ? null : now,
  });
  const refundId = inserted.insertId;
  await tx.insert(refundLines).values(plan.lines.map((line) => ({ refundId, ...line })));
  const requestedBy = input.source === 'customer' ? (input.memberId ?? order.memberId) : null;
  const actor = requestedBy ? ({ type: 'member', id: requestedBy } as const) : ({ type: 'system' } as const);
  await recordCreation(tx, lifecycles.refund, { id: refundId, status: review ? 'requested' : 'approved' }, { actor, at: now });
  // History only (a record-only topic, purged after its retention): nothing reads it back. The
  // dedupe key just keeps it to one row per request.
  await enqueue(
    tx,
    'refund.requested',
    {
      refundId,
      orderId: order.id,
      storeId: order.storeId,
      outRefundNo: no,
      status: review ? 'requested' : 'approved',
      source: input.source,
    },
    { dedupeKey: `refund.requested:${order.id}:${input.requestKey}`, at: now },
  );
  return (await findRefund(tx, refundId))!;
}
