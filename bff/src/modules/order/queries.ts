import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { afterSales, orderEvents, orderLines, orders, refunds, type DbOrTx, type OrderStatus, type Tx } from '@shop/db';

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;

export async function findOrder(db: DbOrTx, id: number): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
  return row;
}

/** The order row, locked: every write that depends on an order's state (refunds, pickup, payment) queues here. */
export async function lockOrder(tx: Tx, orderId: number): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update').limit(1);
  return row;
}

export async function findOrderByNo(db: DbOrTx, orderNo: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo)).limit(1);
  return row;
}

export async function findByIdempotencyKey(db: DbOrTx, memberId: number, key: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.memberId, memberId), eq(orders.idempotencyKey, key)))
    .limit(1);
  return row;
}

export async function linesOf(db: DbOrTx, orderIds: number[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return [];
  return db.select().from(orderLines).where(inArray(orderLines.orderId, orderIds));
}

export async function eventsOf(db: DbOrTx, orderId: number) {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.id);
}

export async function listMemberOrders(
  db: DbOrTx,
  memberId: number,
  statuses: OrderStatus[] | undefined,
  limit: number,
  beforeId?: number,
) {
  const conditions: (SQL | undefined)[] = [eq(orders.memberId, memberId), statuses ? inArray(orders.status, statuses) : undefined];
  if (beforeId) conditions.push(lt(orders.id, beforeId));
  return db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.id))
    .limit(limit);
}

/** Whether the member ever paid an order (online or at the till): 新客 are those who have not. */
export async function hasPaidOrder(db: DbOrTx, memberId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.memberId, memberId), sql`${orders.paidAt} is not null`))
    .limit(1);
  return Boolean(row);
}

/** Unpaid orders whose payment window has passed (the close sweeper's backstop query). */
export async function overdueUnpaid(db: DbOrTx, now: Date, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'pending_payment'), lt(orders.payDeadline, now)))
    .orderBy(orders.payDeadline)
    .limit(limit);
}

/**
 * 我的 page's badges: the member's orders per status, one GROUP BY over orders_member_status_idx
 * (member_id, status, id) — an index-only scan — and 售后: the orders with a customer refund
 * still open (申请中 / 已同意 / 退款中, joined through the same index to refunds_order_idx) plus
 * the after-sale requests still open (after_sales_member_idx).
 */
export async function countMemberOrders(db: DbOrTx, memberId: number) {
  const [byStatus, [refunding], [afterSale]] = await Promise.all([
    memberStatusCountQuery(db, memberId),
    db
      .select({ n: sql<number>`count(distinct ${refunds.orderId})` })
      .from(orders)
      .innerJoin(refunds, eq(refunds.orderId, orders.id))
      .where(
        and(
          eq(orders.memberId, memberId),
          eq(refunds.source, 'customer'),
          inArray(refunds.status, ['requested', 'approved', 'processing']),
        ),
      ),
    db
      .select({ n: sql<number>`count(*)` })
      .from(afterSales)
      .where(and(eq(afterSales.memberId, memberId), inArray(afterSales.status, ['requested', 'approved', 'returned', 'refunding']))),
  ]);
  const counts = new Map(byStatus.map((row) => [row.status, Number(row.n)]));
  return { byStatus: counts, afterSale: Number(refunding?.n ?? 0) + Number(afterSale?.n ?? 0) };
}

/** The GROUP BY of countMemberOrders, on its own so a test can EXPLAIN it. */
export function memberStatusCountQuery(db: DbOrTx, memberId: number) {
  return db
    .select({ status: orders.status, n: sql<number>`count(*)` })
    .from(orders)
    .where(eq(orders.memberId, memberId))
    .groupBy(orders.status);
}
