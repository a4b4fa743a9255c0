import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { refunds } from '@shop/db';
import type { AppDeps } from '../../deps';
import { applyTransition, tryTransition, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { WechatPayError, type PayRefund } from '../../wechat/pay';
import { findOrder, flagOrder, lockOrder } from '../order';
import { MAX_REFUND_ATTEMPTS, retryDelayMs, wechatReason } from './amounts';
import { dueRefunds, findRefund, lockRefund, type RefundRow, type RefundStatus } from './queries';
import { settleRefund } from './settle';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger'>;

/** While one worker talks to WeChat about a refund, others leave it alone for this long. */
const LEASE_MS = 2 * 60_000;
/** WeChat accepted the refund (PROCESSING): ask about it if no notification settled it by then. */
const QUERY_AFTER_MS = 5 * 60_000;
/** …and again this often while WeChat keeps saying PROCESSING. */
const QUERY_AGAIN_MS = 10 * 60_000;
const SYSTEM: Actor = { type: 'system' };

export type ExecuteOutcome = RefundStatus | 'busy' | 'not_found';

/**
 * Moves an approved refund forward by one step: send it to WeChat (always with the same
 * out_refund_no, on which WeChat is idempotent), or — once WeChat accepted it — ask WeChat how it
 * went. Failures never drop the refund: it is retried with backoff and, when retrying is
 * pointless or exhausted, marked failed and the order flagged for staff.
 */
export async function executeRefund(deps: Deps, refundId: number): Promise<ExecuteOutcome> {
  const refund = await claim(deps, refundId);
  if (!refund) return (await findRefund(deps.db, refundId))?.status ?? 'not_found';
  const order = (await findOrder(deps.db, refund.orderId))!;
  if (refund.wechatStatus) await checkAtWechat(deps, refund);
  else await callWechat(deps, refund, { orderNo: order.orderNo, paidFen: order.paidFen });
  return (await findRefund(deps.db, refundId))!.status;
}

/**
 * Takes the refund for this worker with one guarded UPDATE: it must be due, and the lease
 * (next_attempt_at pushed ahead) keeps a concurrent worker — the retry job, a repeated approve —
 * from calling WeChat at the same time. A worker that dies leaves it due again after the lease.
 * An approved refund moves to processing (submit); one already processing only renews its lease.
 */
async function claim(deps: Deps, refundId: number): Promise<RefundRow | null> {
  const now = deps.now();
  const lease = { nextAttemptAt: new Date(now.getTime() + LEASE_MS) };
  const due = or(isNull(refunds.nextAttemptAt), lte(refunds.nextAttemptAt, now));
  const current = await findRefund(deps.db, refundId);
  let claimed = false;
  if (current?.status === 'approved') {
    const submitted = await deps.db.transaction((tx) =>
      tryTransition(tx, lifecycles.refund, current, 'submit', { actor: SYSTEM, at: now, set: lease, where: due }),
    );
    claimed = submitted.ok;
  } else if (current?.status === 'processing') {
    const [renewed] = await deps.db
      .update(refunds)
      .set(lease)
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'processing'), due));
    claimed = renewed.affectedRows === 1;
  }
  return claimed ? ((await findRefund(deps.db, refundId)) ?? null) : null;
}

async function callWechat(deps: Deps, refund: RefundRow, order: { orderNo: string; paidFen: number }): Promise<void> {
  let answer: PayRefund;
  try {
    answer = await deps.pay.refund({
      outTradeNo: order.orderNo,
      outRefundNo: refund.outRefundNo,
      refundFen: refund.amountFen,
      totalFen: order.paidFen,
      reason: wechatReason(refund.reason),
    });
  } catch (err) {
    return recordCallFailure(deps, refund, err);
  }
  if (answer.status === 'PROCESSING') return recordAccepted(deps, refund, answer, refund.attempts + 1);
  // SUCCESS (a repeat of a refund that already went through), ABNORMAL or CLOSED.
  await bumpAttempts(deps, refund);
  await settleRefund(deps, {
    outRefundNo: refund.outRefundNo,
    status: answer.status,
    refundId: answer.refundId,
    refundFen: answer.refundFen,
    successTime: answer.successTime,
  });
}

async function recordAccepted(deps: Deps, refund: RefundRow, answer: PayRefund, attempts: number): Promise<void> {
  // Guarded: the notification may already have settled it while we were writing this.
  await deps.db
    .update(refunds)
    .set({
      wechatStatus: 'PROCESSING',
      wechatRefundId: answer.refundId,
      attempts,
      lastError: null,
      nextAttemptAt: new Date(deps.now().getTime() + QUERY_AFTER_MS),
    })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'processing')));
}

async function bumpAttempts(deps: Deps, refund: RefundRow): Promise<void> {
  await deps.db
    .update(refunds)
    .set({ attempts: sql`${refunds.attempts} + 1` })
    .where(eq(refunds.id, refund.id));
}

/** Timeouts, 5xx and rate limits are worth another go with the same out_refund_no; anything unexpected too. */
function isRetryable(err: unknown): boolean {
  return err instanceof WechatPayError ? err.retryable : true;
}

async function recordCallFailure(deps: Deps, refund: RefundRow, err: unknown): Promise<void> {
  const attempts = refund.attempts + 1;
  const detail = describe(err);
  deps.logger.warn({ err, outRefundNo: refund.outRefundNo, attempts }, 'refund call failed');
  if (!isRetryable(err)) return fail(deps, refund, attempts, detail, `微信拒绝退款（${refund.outRefundNo}）：${detail}，需人工处理`);
  if (attempts >= MAX_REFUND_ATTEMPTS)
    return fail(deps, refund, attempts, detail, `退款重试 ${attempts} 次仍未成功（${refund.outRefundNo}），需人工处理`);
  await deps.db
    .update(refunds)
    .set({ attempts, lastError: detail, nextAttemptAt: new Date(deps.now().getTime() + retryDelayMs(attempts)) })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'processing')));
}

/** Gives up calling: the refund is failed and the order flagged, in one transaction, so staff always see it. */
async function fail(deps: Deps, refund: RefundRow, attempts: number, detail: string, flag: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await lockOrder(tx, refund.orderId);
    const current = await lockRefund(tx, refund.id);
    if (current?.status !== 'processing') return;
    await applyTransition(tx, lifecycles.refund, current, 'fail', {
      actor: SYSTEM,
      at: deps.now(),
      set: { attempts, lastError: detail, nextAttemptAt: null },
    });
    await flagOrder(tx, refund.orderId, flag);
  });
}

/** WeChat already has the refund: ask how it went (the notification may be late or lost). */
async function checkAtWechat(deps: Deps, refund: RefundRow): Promise<void> {
  try {
    const answer = await deps.pay.queryRefund(refund.outRefundNo);
    if (answer.status === 'PROCESSING') return later(deps, refund, QUERY_AGAIN_MS, null);
    await settleRefund(deps, {
      outRefundNo: refund.outRefundNo,
      status: answer.status,
      refundId: answer.refundId,
      refundFen: answer.refundFen,
      successTime: answer.successTime,
    });
  } catch (err) {
    deps.logger.warn({ err, outRefundNo: refund.outRefundNo }, 'refund query failed');
    // WeChat has no such refund after all (it said PROCESSING, then lost it?): send it again, same number.
    if (err instanceof WechatPayError && (err.code === 'RESOURCE_NOT_EXISTS' || err.code === 'ORDER_NOT_EXIST')) {
      await deps.db
        .update(refunds)
        .set({ wechatStatus: null, nextAttemptAt: deps.now() })
        .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'processing')));
      return;
    }
    await later(deps, refund, QUERY_AGAIN_MS, describe(err));
  }
}

async function later(deps: Deps, refund: RefundRow, ms: number, lastError: string | null): Promise<void> {
  // An ABNORMAL refund keeps its longer recheck and its label; only the next look moves.
  const keepError = refund.wechatStatus === 'ABNORMAL' ? refund.lastError : lastError;
  await deps.db
    .update(refunds)
    .set({ nextAttemptAt: new Date(deps.now().getTime() + ms), lastError: keepError })
    .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'processing')));
}

function describe(err: unknown): string {
  const text =
    err instanceof WechatPayError ? `${err.code}${err.status ? ` ${err.status}` : ''}` : err instanceof Error ? err.message : String(err);
  return text.slice(0, 255);
}

/**
 * The 'retry-refunds' job: every refund that is due — calls to repeat after a failure, approved
 * refunds nobody sent (a crash between approve and call), and accepted refunds whose notification
 * has not come — gets one step. One refund's trouble never stops the others.
 */
export async function retryDueRefunds(deps: Deps, batch = 50): Promise<{ checked: number; succeeded: number }> {
  const ids = await dueRefunds(deps.db, deps.now(), batch);
  let succeeded = 0;
  for (const id of ids) {
    const outcome = await executeRefund(deps, id).catch((err: unknown) => {
      deps.logger.error({ err, refundId: id }, 'refund step failed');
      return 'error' as const;
    });
    if (outcome === 'succeeded') succeeded += 1;
  }
  return { checked: ids.length, succeeded };
}
