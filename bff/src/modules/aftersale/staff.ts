import { afterSales, type AfterSaleStatus, type Tx } from '@shop/db';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { finishingEvent, OPEN_AFTER_SALE_STATUSES } from '../../domain/after-sale-state';
import { errors } from '../../http/errors';
import { applyTransition, tryTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { restock, sellOffline, withInventoryTx, type StockLine } from '../inventory';
import type { StaffIdentity } from '../member';
import { lockOrder, type OrderRow } from '../order';
import { executeRefund, requestRefundInTx } from '../refund';
import { assertStoreAccess, audit } from '../staff';
import {
  findAfterSale,
  linesOfAfterSales,
  listForStaff,
  lockAfterSale,
  oneWithContext,
  refundedButWaiting,
  type AfterSaleRow,
} from './queries';
import { views } from './service';
import { AFTER_SALE_REASON_LABELS, staffAfterSaleView } from './view';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger' | 'media'>;
type Staff = StaffIdentity & { memberId: number };

/** What staff still act on: waiting for a decision, for the goods, or for the exchange hand-over. */
const STAFF_OPEN: readonly AfterSaleStatus[] = OPEN_AFTER_SALE_STATUSES.filter((s) => s !== 'refunding');

/** GET /api/staff/after-sales: a manager sees their store's requests, head office every store's (or one). */
export async function listForStaffMember(
  deps: Deps,
  staff: Staff,
  query: { status: AfterSaleStatus | 'open' | 'all'; storeId?: number; page: number; pageSize: number },
) {
  let storeId: number | undefined;
  if (staff.role === 'admin') storeId = query.storeId;
  else {
    if (staff.storeId === null) throw errors.forbidden('仅限门店员工操作');
    if (query.storeId !== undefined) assertStoreAccess(staff, query.storeId);
    storeId = staff.storeId;
  }
  const statuses = query.status === 'all' ? undefined : query.status === 'open' ? STAFF_OPEN : [query.status];
  const { rows, total } = await listForStaff(
    deps.db,
    { storeId, statuses },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: await views(deps, rows, staffAfterSaleView), total };
}

export async function staffView(deps: Deps, id: number) {
  const row = (await oneWithContext(deps.db, id))!;
  return (await views(deps, [row], staffAfterSaleView))[0];
}

/**
 * The request under its order's lock, for a staff step: another store's staff get 403 before
 * learning anything about it (as refund decisions do). Lock order: order, then after-sale.
 */
async function lockForStaff(tx: Tx, staff: Staff, id: number): Promise<{ order: OrderRow; afterSale: AfterSaleRow }> {
  const found = await findAfterSale(tx, id);
  if (!found) throw errors.notFound('AFTER_SALE_NOT_FOUND', '售后申请不存在');
  assertStoreAccess(staff, found.storeId);
  const order = (await lockOrder(tx, found.orderId))!;
  return { order, afterSale: (await lockAfterSale(tx, id))! };
}

const stale = () => errors.conflict('AFTER_SALE_STATE_CONFLICT', '该售后申请已处理，请刷新');

/** Approve (with an optional note) or reject (with the reason the customer reads) a waiting request, once. */
export async function decide(
  deps: Deps,
  staff: Staff,
  id: number,
  decision: { to: 'approve' | 'reject'; note?: string },
  userAgent: string,
) {
  await deps.db.transaction(async (tx) => {
    const { order, afterSale } = await lockForStaff(tx, staff, id);
    const now = deps.now();
    await applyTransition(tx, lifecycles.afterSale, afterSale, decision.to, {
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      set: { decidedByStaffId: staff.staffId, decidedAt: now, decisionNote: decision.note ?? null },
      conflict: stale,
    });
    await audit(tx, staff, {
      action: `after_sale.${decision.to}`,
      targetType: 'after_sale',
      targetId: id,
      userAgent,
      detail: { orderId: order.id, orderNo: order.orderNo, serviceNo: afterSale.serviceNo, type: afterSale.type, note: decision.note },
    });
  });
  return staffView(deps, id);
}

/**
 * 确认收货: the goods are back at the store. One transaction, under the order's lock:
 * - the returned units go back into the store's stock (a `refund_restock` movement under the
 *   service number, ledgered; idempotent per reference);
 * - the request moves approved → returned;
 * - 退货退款: the refund of the returned lines is requested (source after_sale, approved at once:
 *   the manager reviewed the request) and the request moves on to refunding. Its settlement gives
 *   points, tier spend and (when everything is refunded) the coupon back, but no second restock.
 * Two taps, or two staff phones at once: the second waits on the order lock, then finds the
 * request returned and gets 409, so stock moves once. After commit the refund goes to WeChat.
 */
export async function receive(deps: Deps, staff: Staff, id: number, userAgent: string) {
  const refundId = await withInventoryTx(deps.db, async (tx) => {
    const { order, afterSale } = await lockForStaff(tx, staff, id);
    if (afterSale.status !== 'approved') throw stale();
    const lines = await linesOfAfterSales(tx, [id]);
    const now = deps.now();
    await restock(tx, {
      storeId: afterSale.storeId,
      reference: afterSale.serviceNo,
      lines: bySku(lines.map((l) => ({ skuId: l.skuId, qty: l.qty }))),
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      note: `售后${afterSale.type === 'return' ? '退货' : '换货'}退回入库（${afterSale.serviceNo}）`,
    });
    const actor = { type: 'staff', id: staff.staffId } as const;
    await applyTransition(tx, lifecycles.afterSale, afterSale, 'receive', {
      actor,
      at: now,
      set: { receivedByStaffId: staff.staffId, receivedAt: now },
      conflict: stale,
    });
    let refundId: number | null = null;
    if (afterSale.type === 'return') {
      const { refund } = await requestRefundInTx(deps, tx, {
        orderId: order.id,
        requestKey: `after_sale:${afterSale.id}`,
        reason: `售后退货：${AFTER_SALE_REASON_LABELS[afterSale.reason]}`,
        lines: lines.map((l) => ({ orderLineId: l.orderLineId, qty: l.qty })),
        source: 'after_sale',
      });
      refundId = refund.id;
      await applyTransition(tx, lifecycles.afterSale, { id, status: 'returned' }, finishingEvent('return'), {
        actor,
        at: now,
        set: { refundId: refund.id, refundFen: refund.amountFen },
        conflict: stale,
      });
    }
    await audit(tx, staff, {
      action: 'after_sale.receive',
      targetType: 'after_sale',
      targetId: id,
      userAgent,
      detail: { orderId: order.id, serviceNo: afterSale.serviceNo, lines: lines.map((l) => ({ skuId: l.skuId, qty: l.qty })), refundId },
    });
    return refundId;
  });
  if (refundId !== null) {
    await executeRefund(deps, refundId).catch((err: unknown) =>
      deps.logger.error({ err, refundId }, 'after-sale refund step failed; the refund retry job will continue'),
    );
    await syncRefunded(deps);
  }
  return staffView(deps, id);
}

/**
 * 换货: hand over the other SKU. The new units leave the store's stock (an `offline_sale`
 * movement under the service number: a counter hand-over, which may use the safety stock but
 * never what online orders hold; 422 OUT_OF_STOCK when the store has none) and the request is
 * exchanged. No money moves: the SKUs have the same price.
 */
export async function handOver(deps: Deps, staff: Staff, id: number, userAgent: string) {
  await withInventoryTx(deps.db, async (tx) => {
    const { order, afterSale } = await lockForStaff(tx, staff, id);
    if (afterSale.type !== 'exchange') throw errors.rule('AFTER_SALE_NOT_EXCHANGE', '退货退款申请无需交付换货');
    if (afterSale.status !== 'returned') throw stale();
    const lines = await linesOfAfterSales(tx, [id]);
    const now = deps.now();
    await sellOffline(tx, {
      storeId: afterSale.storeId,
      reference: afterSale.serviceNo,
      lines: bySku(lines.map((l) => ({ skuId: l.exchangeSkuId!, qty: l.qty }))),
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      note: `售后换货出库（${afterSale.serviceNo}）`,
    });
    await applyTransition(tx, lifecycles.afterSale, afterSale, finishingEvent('exchange'), {
      actor: { type: 'staff', id: staff.staffId },
      at: now,
      set: { finishedAt: now },
      conflict: stale,
    });
    await audit(tx, staff, {
      action: 'after_sale.hand_over',
      targetType: 'after_sale',
      targetId: id,
      userAgent,
      detail: {
        orderId: order.id,
        serviceNo: afterSale.serviceNo,
        lines: lines.map((l) => ({ from: l.skuId, to: l.exchangeSkuId, qty: l.qty })),
      },
    });
  });
  return staffView(deps, id);
}

function bySku(lines: StockLine[]): StockLine[] {
  const sums = new Map<number, number>();
  for (const line of lines) sums.set(line.skuId, (sums.get(line.skuId) ?? 0) + line.qty);
  return [...sums].map(([skuId, qty]) => ({ skuId, qty }));
}

/**
 * The 'after-sale-refunds' job (and right after a receipt): requests whose refund WeChat
 * confirmed move refunding → refunded, once each (a guarded transition; a second run finds
 * nothing). The refund record stays the money's truth; this only closes the request.
 */
export async function syncRefunded(deps: Pick<Deps, 'db' | 'now'>, batch = 100): Promise<{ refunded: number }> {
  let refunded = 0;
  for (const due of await refundedButWaiting(deps.db, batch)) {
    const moved = await deps.db.transaction(async (tx) => {
      await lockOrder(tx, due.orderId);
      return tryTransition(tx, lifecycles.afterSale, { id: due.id, status: 'refunding' }, 'refund_succeeded', {
        actor: { type: 'system' },
        at: deps.now(),
        set: { finishedAt: due.succeededAt ?? deps.now() },
        where: eq(afterSales.status, 'refunding'),
      });
    });
    if (moved.ok) refunded += 1;
  }
  return { refunded };
}
