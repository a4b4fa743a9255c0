import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { members, orderLines, orders, refundLines, refunds, type DbOrTx, type Tx } from '@shop/db';

export type RefundRow = typeof refunds.$inferSelect;
export type RefundLineRow = typeof refundLines.$inferSelect;
export type RefundStatus = RefundRow['status'];

/**
 * Refunds that hold part of the order's money and quantities: everything except rejected requests
 * and refunds WeChat closed (money that certainly did not move). A failed refund still counts: it
 * is owed, and staff retry it (or WeChat may yet have paid it), so it must block a second claim.
 */
export function holdsMoney(): SQL {
  return or(
    inArray(refunds.status, ['requested', 'approved', 'processing', 'succeeded']),
    and(eq(refunds.status, 'failed'), or(isNull(refunds.wechatStatus), ne(refunds.wechatStatus, 'CLOSED'))),
  )!;
}

export async function findRefund(db: DbOrTx, id: number): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.id, id)).limit(1);
  return row;
}

export async function findRefundByNo(db: DbOrTx, outRefundNo: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.outRefundNo, outRefundNo)).limit(1);
  return row;
}

/** The refund row, locked; callers lock its order first (lock order: order, then refund). */
export async function lockRefund(tx: Tx, id: number): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update').limit(1);
  return row;
}

export async function linesOfRefunds(db: DbOrTx, refundIds: number[]): Promise<RefundLineRow[]> {
  if (refundIds.length === 0) return [];
  return db.select().from(refundLines).where(inArray(refundLines.refundId, refundIds)).orderBy(asc(refundLines.id));
}

export async function refundsOfOrder(db: DbOrTx, orderId: number): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(asc(refunds.id));
}

/** How many units and fen of each line refunds already hold (see holdsMoney); `exceptSource` leaves one source's refunds out. */
export async function committedByLine(
  tx: DbOrTx,
  orderId: number,
  exceptSource?: RefundRow['source'],
): Promise<Map<number, { qty: number; fen: number }>> {
  const rows = await tx
    .select({ lineId: refundLines.orderLineId, qty: sql<string>`SUM(${refundLines.qty})`, fen: sql<string>`SUM(${refundLines.amountFen})` })
    .from(refundLines)
    .innerJoin(refunds, eq(refunds.id, refundLines.refundId))
    .where(and(eq(refunds.orderId, orderId), holdsMoney(), exceptSource ? ne(refunds.source, exceptSource) : undefined))
    .groupBy(refundLines.orderLineId);
  return new Map(rows.map((r) => [Number(r.lineId), { qty: Number(r.qty), fen: Number(r.fen) }]));
}

export async function committedFenOfOrder(tx: DbOrTx, orderId: number): Promise<number> {
  const [row] = await tx
    .select({ fen: sql<string | null>`SUM(${refunds.amountFen})` })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), holdsMoney()));
  return Number(row?.fen ?? 0);
}

export async function countRefundsOfOrder(tx: DbOrTx, orderId: number): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(refunds).where(eq(refunds.orderId, orderId));
  return Number(row.n);
}

/**
 * The refund a request key already made for this order (unique: refunds_order_request_uq). A
 * locking read: a duplicate that queued on the order lock must see the winner's committed row
 * whatever the isolation level (a plain read under REPEATABLE READ could miss it).
 */
export async function lockByRequestKey(tx: Tx, orderId: number, requestKey: string): Promise<RefundRow | undefined> {
  const [row] = await tx
    .select()
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), eq(refunds.requestKey, requestKey)))
    .for('update')
    .limit(1);
  return row;
}

/** Refunds the retry job should look at: calls to repeat, and accepted refunds to query. */
export async function dueRefunds(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: refunds.id })
    .from(refunds)
    .where(and(inArray(refunds.status, ['approved', 'processing']), isNotNull(refunds.nextAttemptAt), lte(refunds.nextAttemptAt, now)))
    .orderBy(asc(refunds.nextAttemptAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** After-sale requests past their answer deadline that were not escalated yet (escalated_at is the "once"). */
export async function overdueRequests(db: DbOrTx, now: Date, limit: number): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, 'requested'), lte(refunds.respondBy, now), isNull(refunds.escalatedAt)))
    .orderBy(asc(refunds.respondBy))
    .limit(limit);
}

/**
 * Marks a waiting request escalated, once: a guarded UPDATE, so of two runs (or two processes)
 * exactly one gets a row; false means someone else escalated it, or staff decided it meanwhile.
 */
export async function markEscalated(tx: Tx, refundId: number, at: Date): Promise<boolean> {
  const [result] = await tx
    .update(refunds)
    .set({ escalatedAt: at })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'requested'), isNull(refunds.escalatedAt)));
  return result.affectedRows === 1;
}

export type StaffRefundRow = {
  refund: RefundRow;
  orderNo: string;
  storeId: number;
  orderStatus: string;
  flaggedReason: string | null;
  nickname: string | null;
  phone: string | null;
};

/** The after-sale list of a store (or all stores for head office), newest first. */
export async function listRefundsForStaff(
  db: DbOrTx,
  filter: { storeId?: number; status?: RefundStatus },
  page: { limit: number; offset: number },
): Promise<{ rows: StaffRefundRow[]; total: number }> {
  const where = and(
    filter.storeId !== undefined ? eq(orders.storeId, filter.storeId) : undefined,
    filter.status ? eq(refunds.status, filter.status) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        refund: refunds,
        orderNo: orders.orderNo,
        storeId: orders.storeId,
        orderStatus: orders.status,
        flaggedReason: orders.flaggedReason,
        nickname: members.nickname,
        phone: members.phone,
      })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .leftJoin(members, eq(members.id, orders.memberId))
      .where(where)
      .orderBy(desc(refunds.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(refunds).innerJoin(orders, eq(orders.id, refunds.orderId)).where(where),
  ]);
  return { rows, total: Number(n) };
}

export async function orderLinesOf(db: DbOrTx, orderId: number) {
  return db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.id));
}
