import { enqueue } from '../outbox';
import type { Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { errors } from '../../http/errors';
import { applyTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { type StaffIdentity } from '../member';
import { assertStoreAccess, audit } from '../staff';
import { executeRefund } from './execute';
import {
  findRefund,
  linesOfRefunds,
  listRefundsForStaff,
  lockRefund,
  markEscalated,
  overdueRequests,
  type RefundRow,
  type RefundStatus,
} from './queries';
import { staffRefundView, type StaffRefundView } from './view';
import { clearFlag, flagOrder, linesOf, lockOrder } from '../order';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger'>;
type Staff = StaffIdentity & { memberId: number };

/** What the order shows while an after-sale request waits past its deadline (docs/domain.md#refunds: answered within 48 h). */
export const ESCALATED_REASON = '售后申请超时未处理';

/** GET /api/staff/refund-requests: a manager sees their store's, head office every store's (or one). */
export async function listRequests(
  deps: Pick<Deps, 'db'>,
  staff: Staff,
  query: { status: RefundStatus | 'all'; storeId?: number; page: number; pageSize: number },
): Promise<{ items: StaffRefundView[]; total: number }> {
  const storeId = staff.role === 'admin' ? query.storeId : ownStore(staff, query.storeId);
  const { rows, total } = await listRefundsForStaff(
    deps.db,
    { storeId, status: query.status === 'all' ? undefined : query.status },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  const lines = await linesOfRefunds(
    deps.db,
    rows.map((r) => r.refund.id),
  );
  const bought = await linesOf(deps.db, [...new Set(rows.map((r) => r.refund.orderId))]);
  return {
    items: rows.map((row) => {
      const own = lines.filter((l) => l.refundId === row.refund.id);
      return staffRefundView(
        row,
        own,
        own.map((l) => bought.find((b) => b.id === l.orderLineId)).filter((b) => b !== undefined),
      );
    }),
    total,
  };
}

function ownStore(staff: Staff, requested: number | undefined): number {
  if (staff.storeId === null) throw errors.forbidden('仅限门店员工操作');
  if (requested !== undefined) assertStoreAccess(staff, requested);
  return staff.storeId;
}

type Decision = { to: 'approved' | 'rejected'; note?: string };

/** Approves a waiting request and sends the money at once (the retry job finishes it if WeChat is down). */
export async function approveRequest(deps: Deps, staff: Staff, refundId: number, userAgent: string): Promise<RefundRow> {
  await decide(deps, staff, refundId, { to: 'approved' }, userAgent);
  await executeSoon(deps, refundId);
  return (await findRefund(deps.db, refundId))!;
}

/** Rejects a waiting request with the reason the customer will read; no money moves. */
export async function rejectRequest(deps: Deps, staff: Staff, refundId: number, note: string, userAgent: string): Promise<RefundRow> {
  await decide(deps, staff, refundId, { to: 'rejected', note }, userAgent);
  return (await findRefund(deps.db, refundId))!;
}

/**
 * One decision, once: under the order lock, only a `requested` refund of the staff member's own
 * store can be decided (another store's manager gets 403 before learning anything about it), and
 * the audit row commits with the decision.
 */
async function decide(deps: Deps, staff: Staff, refundId: number, decision: Decision, userAgent: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const found = await findRefund(tx, refundId);
    if (!found) throw errors.notFound('REFUND_NOT_FOUND', '售后申请不存在');
    const order = (await lockOrder(tx, found.orderId))!;
    assertStoreAccess(staff, order.storeId);
    const refund = (await lockRefund(tx, refundId))!;
    if (refund.status !== 'requested') throw errors.conflict('REFUND_ALREADY_DECIDED', '该售后申请已处理，请刷新');
    const now = deps.now();
    await applyTransition(tx, lifecycles.refund, refund, decision.to === 'approved' ? 'approve' : 'reject', {
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      set: {
        decidedByStaffId: staff.staffId,
        decidedAt: now,
        decisionNote: decision.note ?? null,
        // Due at once: executeRefund runs right after commit, the retry job if this process dies first.
        nextAttemptAt: decision.to === 'approved' ? now : null,
      },
      conflict: () => errors.conflict('REFUND_ALREADY_DECIDED', '该售后申请已处理，请刷新'),
    });
    if (order.flaggedReason === ESCALATED_REASON) await clearFlag(tx, order.id, ESCALATED_REASON);
    if (decision.to === 'rejected') await notifyRejected(tx, refund, now);
    await audit(tx, staff, {
      action: decision.to === 'approved' ? 'refund.approve' : 'refund.reject',
      targetType: 'refund',
      targetId: refund.id,
      userAgent,
      detail: {
        orderId: order.id,
        orderNo: order.orderNo,
        outRefundNo: refund.outRefundNo,
        amountFen: refund.amountFen,
        note: decision.note,
      },
    });
  });
}

async function notifyRejected(tx: Tx, refund: RefundRow, now: Date): Promise<void> {
  await enqueue(
    tx,
    'refund.rejected',
    { refundId: refund.id, orderId: refund.orderId },
    { dedupeKey: `refund.rejected:${refund.outRefundNo}`, at: now },
  );
}

/**
 * Sends a failed refund again (staff fixed the cause, e.g. topped up the merchant balance): same
 * out_refund_no, fresh attempts. A refund WeChat closed cannot be revived under its number; the
 * customer can request again, since a closed refund holds no money.
 */
export async function retryFailed(deps: Deps, staff: Staff, refundId: number, userAgent: string): Promise<RefundRow> {
  await deps.db.transaction(async (tx) => {
    const found = await findRefund(tx, refundId);
    if (!found) throw errors.notFound('REFUND_NOT_FOUND', '售后申请不存在');
    const order = (await lockOrder(tx, found.orderId))!;
    assertStoreAccess(staff, order.storeId);
    const refund = (await lockRefund(tx, refundId))!;
    if (refund.status !== 'failed') throw errors.conflict('REFUND_NOT_FAILED', '只有退款失败的申请可以重试');
    if (refund.wechatStatus === 'CLOSED') throw errors.rule('REFUND_CLOSED', '微信已关闭该退款，请让顾客重新申请');
    const now = deps.now();
    await applyTransition(tx, lifecycles.refund, refund, 'retry', {
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      set: { attempts: 0, nextAttemptAt: now, lastError: null },
      conflict: () => errors.conflict('REFUND_NOT_FAILED', '只有退款失败的申请可以重试'),
    });
    await audit(tx, staff, {
      action: 'refund.retry',
      targetType: 'refund',
      targetId: refund.id,
      userAgent,
      detail: { orderId: order.id, outRefundNo: refund.outRefundNo },
    });
  });
  await executeSoon(deps, refundId);
  return (await findRefund(deps.db, refundId))!;
}

/**
 * Runs the first step right away so the customer rarely waits for the job. The decision is
 * already committed and the refund due, so a failure here is the retry job's to finish.
 */
export async function executeSoon(deps: Deps, refundId: number): Promise<void> {
  await executeRefund(deps, refundId).catch((err: unknown) =>
    deps.logger.error({ err, refundId }, 'refund step failed; the retry job will continue'),
  );
}

/**
 * The 'escalate-refund-requests' job: requests nobody answered by respond_by flag their order and
 * raise an 'after_sale.escalated' event, once each. The "once" is refunds.escalated_at, set by a
 * guarded UPDATE: two runs (or two processes) never escalate the same request twice, and the
 * outbox row is only the message.
 */
export async function escalateOverdueRequests(deps: Pick<Deps, 'db' | 'now'>, batch = 100): Promise<{ escalated: number }> {
  let escalated = 0;
  for (const refund of await overdueRequests(deps.db, deps.now(), batch)) {
    if (await escalateOne(deps, refund)) escalated += 1;
  }
  return { escalated };
}

async function escalateOne(deps: Pick<Deps, 'db' | 'now'>, overdue: RefundRow): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    // Lock order: order, then refund (as decide does), so a manager answering now cannot deadlock with us.
    const order = (await lockOrder(tx, overdue.orderId))!;
    const now = deps.now();
    // 0 rows: another run escalated it, or staff decided it meanwhile.
    if (!(await markEscalated(tx, overdue.id, now))) return false;
    // An order already flagged for something else keeps that (money problems come first); the event still goes out.
    await flagOrder(tx, order.id, ESCALATED_REASON, { ifUnflagged: true });
    await enqueue(
      tx,
      'after_sale.escalated',
      {
        refundId: overdue.id,
        orderId: order.id,
        storeId: order.storeId,
        outRefundNo: overdue.outRefundNo,
        respondBy: overdue.respondBy?.toISOString(),
      },
      { dedupeKey: `after_sale.escalated:${overdue.id}`, at: now },
    );
    return true;
  });
}
