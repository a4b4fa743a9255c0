import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  afterSaleLines,
  afterSalePhotos,
  afterSales,
  inventory,
  members,
  orders,
  payments,
  products,
  refunds,
  skus,
  statusChanges,
  stores,
  type AfterSaleStatus,
  type DbOrTx,
  type Tx,
} from '@shop/db';
import { HOLDING_AFTER_SALE_STATUSES, OPEN_AFTER_SALE_STATUSES } from '../../domain/after-sale-state';

export type AfterSaleRow = typeof afterSales.$inferSelect;
export type AfterSaleLineRow = typeof afterSaleLines.$inferSelect;

export async function findAfterSale(db: DbOrTx, id: number): Promise<AfterSaleRow | undefined> {
  const [row] = await db.select().from(afterSales).where(eq(afterSales.id, id)).limit(1);
  return row;
}

/** The request row, locked; callers lock its order first (lock order: order, then after-sale, then refund). */
export async function lockAfterSale(tx: Tx, id: number): Promise<AfterSaleRow | undefined> {
  const [row] = await tx.select().from(afterSales).where(eq(afterSales.id, id)).for('update').limit(1);
  return row;
}

/** The request a member's key already made (after_sales_member_request_uq); a locking read, like refunds'. */
export async function lockByRequestKey(tx: Tx, memberId: number, requestKey: string): Promise<AfterSaleRow | undefined> {
  const [row] = await tx
    .select()
    .from(afterSales)
    .where(and(eq(afterSales.memberId, memberId), eq(afterSales.requestKey, requestKey)))
    .for('update')
    .limit(1);
  return row;
}

export async function countOfOrder(tx: DbOrTx, orderId: number): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(afterSales).where(eq(afterSales.orderId, orderId));
  return Number(row.n);
}

/** Per order line: units held by after-sale requests (HOLDING statuses) and whether one of them is still open. */
export async function heldByLine(db: DbOrTx, orderId: number): Promise<Map<number, { qty: number; open: boolean }>> {
  const rows = await db
    .select({ lineId: afterSaleLines.orderLineId, qty: afterSaleLines.qty, status: afterSales.status })
    .from(afterSaleLines)
    .innerJoin(afterSales, eq(afterSales.id, afterSaleLines.afterSaleId))
    .where(and(eq(afterSales.orderId, orderId), inArray(afterSales.status, [...HOLDING_AFTER_SALE_STATUSES])));
  const held = new Map<number, { qty: number; open: boolean }>();
  for (const row of rows) {
    const current = held.get(row.lineId) ?? { qty: 0, open: false };
    held.set(row.lineId, { qty: current.qty + row.qty, open: current.open || OPEN_AFTER_SALE_STATUSES.includes(row.status) });
  }
  return held;
}

export async function linesOfAfterSales(db: DbOrTx, ids: number[]): Promise<AfterSaleLineRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(afterSaleLines).where(inArray(afterSaleLines.afterSaleId, ids)).orderBy(asc(afterSaleLines.id));
}

export async function photosOfAfterSales(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db.select().from(afterSalePhotos).where(inArray(afterSalePhotos.afterSaleId, ids)).orderBy(asc(afterSalePhotos.position));
}

/** Media already attached to some request (a file is attached once). */
export async function attachedMedia(db: DbOrTx, mediaIds: number[]): Promise<number[]> {
  if (mediaIds.length === 0) return [];
  const rows = await db.select({ id: afterSalePhotos.mediaId }).from(afterSalePhotos).where(inArray(afterSalePhotos.mediaId, mediaIds));
  return rows.map((r) => r.id);
}

/** How the order was paid: only WeChat Pay can be refunded online (refund module's rule). */
export async function paymentMethodOf(db: DbOrTx, orderId: number): Promise<string | null> {
  const [row] = await db
    .select({ method: payments.method, status: payments.status })
    .from(payments)
    .where(eq(payments.orderId, orderId))
    .limit(1);
  return row && row.status === 'paid' ? row.method : null;
}

/** The SKUs of some products with their price and status (exchange options; a read of catalog's table). */
export async function skusOfProducts(db: DbOrTx, productIds: number[]) {
  if (productIds.length === 0) return [];
  return db
    .select({
      id: skus.id,
      productId: skus.productId,
      priceFen: skus.priceFen,
      status: skus.status,
      specValues: skus.specValues,
      specs: products.specs,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.productId, productIds))
    .orderBy(asc(skus.id));
}

/** Units a store can hand over at the counter (on hand − reserved), per SKU. */
export async function counterStock(db: DbOrTx, storeId: number, skuIds: number[]): Promise<Map<number, number>> {
  if (skuIds.length === 0) return new Map();
  const rows = await db
    .select({ skuId: inventory.skuId, free: sql<number>`${inventory.onHand} - ${inventory.reserved}` })
    .from(inventory)
    .where(and(eq(inventory.storeId, storeId), inArray(inventory.skuId, skuIds)));
  return new Map(rows.map((r) => [r.skuId, Number(r.free)]));
}

export type AfterSaleListRow = {
  afterSale: AfterSaleRow;
  orderNo: string;
  storeName: string;
  nickname: string | null;
  phone: string | null;
};

const listColumns = {
  afterSale: afterSales,
  orderNo: orders.orderNo,
  storeName: stores.name,
  nickname: members.nickname,
  phone: members.phone,
};

/** 我的售后: a member's requests, newest first (after_sales_member_idx). */
export async function listOfMember(db: DbOrTx, memberId: number, page: { limit: number; offset: number }) {
  const where = eq(afterSales.memberId, memberId);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(listColumns)
      .from(afterSales)
      .innerJoin(orders, eq(orders.id, afterSales.orderId))
      .innerJoin(stores, eq(stores.id, afterSales.storeId))
      .leftJoin(members, eq(members.id, afterSales.memberId))
      .where(where)
      .orderBy(desc(afterSales.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(afterSales).where(where),
  ]);
  return { rows: rows as AfterSaleListRow[], total: Number(n) };
}

export async function oneWithContext(db: DbOrTx, id: number): Promise<AfterSaleListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(afterSales)
    .innerJoin(orders, eq(orders.id, afterSales.orderId))
    .innerJoin(stores, eq(stores.id, afterSales.storeId))
    .leftJoin(members, eq(members.id, afterSales.memberId))
    .where(eq(afterSales.id, id))
    .limit(1);
  return row as AfterSaleListRow | undefined;
}

/** The staff list: a store's (or every store's) requests, newest first (after_sales_store_status_idx). */
export async function listForStaff(
  db: DbOrTx,
  filter: { storeId?: number; statuses?: readonly AfterSaleStatus[] },
  page: { limit: number; offset: number },
) {
  const where = and(
    filter.storeId !== undefined ? eq(afterSales.storeId, filter.storeId) : undefined,
    filter.statuses ? inArray(afterSales.status, [...filter.statuses]) : undefined,
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(listColumns)
      .from(afterSales)
      .innerJoin(orders, eq(orders.id, afterSales.orderId))
      .innerJoin(stores, eq(stores.id, afterSales.storeId))
      .leftJoin(members, eq(members.id, afterSales.memberId))
      .where(where)
      .orderBy(desc(afterSales.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(afterSales).where(where),
  ]);
  return { rows: rows as AfterSaleListRow[], total: Number(n) };
}

/** The history of some requests (status_changes, written by the lifecycle executor). */
export async function historyOf(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ entityId: statusChanges.entityId, toStatus: statusChanges.toStatus, at: statusChanges.at })
    .from(statusChanges)
    .where(and(eq(statusChanges.entity, 'after_sale'), inArray(statusChanges.entityId, ids)))
    .orderBy(asc(statusChanges.id));
}

/** Requests waiting for their refund whose refund WeChat confirmed (the sync job; after_sales_status_idx). */
export async function refundedButWaiting(db: DbOrTx, limit: number): Promise<{ id: number; orderId: number; succeededAt: Date | null }[]> {
  return db
    .select({ id: afterSales.id, orderId: afterSales.orderId, succeededAt: refunds.succeededAt })
    .from(afterSales)
    .innerJoin(refunds, eq(refunds.id, afterSales.refundId))
    .where(and(eq(afterSales.status, 'refunding'), eq(refunds.status, 'succeeded')))
    .orderBy(asc(afterSales.id))
    .limit(limit);
}

/** The refunds of some requests (their current state, for views). */
export async function refundsByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: refunds.id,
      outRefundNo: refunds.outRefundNo,
      status: refunds.status,
      amountFen: refunds.amountFen,
      succeededAt: refunds.succeededAt,
    })
    .from(refunds)
    .where(inArray(refunds.id, ids));
}
