import { and, asc, eq, gt, inArray, isNotNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { inventory, inventoryLedger, products, skus, stores, type DbOrTx, type SpecDefinition } from '@shop/db';
import { SALE_KINDS } from '../../domain/inventory';

/** Units online orders may still take (domain: on hand − reserved − safety stock, never below 0), in SQL. */
export const sellableOnlineSql = sql<number>`GREATEST(${inventory.onHand} - ${inventory.reserved} - ${inventory.safetyStock}, 0)`;

export type StockRow = { skuId: number; onHand: number; reserved: number; safetyStock: number };

/** Stock rows of some SKUs at one store (PK lookups); SKUs without a row are simply absent. */
export async function findStock(db: DbOrTx, storeId: number, skuIds: number[]): Promise<StockRow[]> {
  if (skuIds.length === 0) return [];
  return db
    .select({ skuId: inventory.skuId, onHand: inventory.onHand, reserved: inventory.reserved, safetyStock: inventory.safetyStock })
    .from(inventory)
    .where(and(eq(inventory.storeId, storeId), inArray(inventory.skuId, skuIds)));
}

export type ReservationEntry = { kind: 'reserve' | 'release' | 'commit'; skuId: number; reservedDelta: number };

/**
 * The reservation of `reference` at a store and how it was settled, locked FOR UPDATE: release
 * and commit of the same reference both start here, so they run one after the other, and the
 * locking read sees the latest committed rows whatever snapshot the caller's transaction holds.
 */
export async function lockReservation(db: DbOrTx, storeId: number, reference: string): Promise<ReservationEntry[]> {
  const rows = await db
    .select({ kind: inventoryLedger.kind, skuId: inventoryLedger.skuId, reservedDelta: inventoryLedger.reservedDelta })
    .from(inventoryLedger)
    .where(
      and(
        inArray(inventoryLedger.kind, ['reserve', 'release', 'commit']),
        eq(inventoryLedger.reference, reference),
        eq(inventoryLedger.storeId, storeId),
      ),
    )
    .orderBy(asc(inventoryLedger.skuId))
    .for('update');
  return rows as ReservationEntry[];
}

export type StockListFilter = {
  storeId: number;
  /** Title contains, or barcode starts with. */
  q?: string;
  lowOnly: boolean;
  /** Sales window (after, until] and the low-stock factor, from the domain rule. */
  window: { after: Date; until: Date };
  coverFactor: number;
};

export type StockListRow = StockRow & {
  productId: number;
  skuCode: string;
  title: string;
  specs: SpecDefinition;
  specValues: Record<string, string>;
  barcode: string;
  skuImageUrl: string | null;
  productImages: string[];
  sales: number;
};

/** Staff stock list: every active SKU (or any SKU with stock here) at one store, by product. */
export async function listStoreStock(
  db: DbOrTx,
  filter: StockListFilter,
  page?: { limit: number; offset: number },
): Promise<StockListRow[]> {
  const cols = stockColumns(filter);
  const query = db
    .select({
      skuId: skus.id,
      productId: products.id,
      skuCode: skus.skuCode,
      title: products.title,
      specs: products.specs,
      specValues: skus.specValues,
      barcode: skus.barcode,
      skuImageUrl: skus.imageUrl,
      productImages: products.images,
      onHand: cols.onHand.mapWith(Number),
      reserved: cols.reserved.mapWith(Number),
      safetyStock: cols.safetyStock.mapWith(Number),
      sales: cols.sales.mapWith(Number),
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(inventory, and(eq(inventory.skuId, skus.id), eq(inventory.storeId, filter.storeId)))
    .where(stockListWhere(filter, cols))
    .orderBy(asc(products.id), asc(skus.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function countStoreStock(db: DbOrTx, filter: StockListFilter): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .leftJoin(inventory, and(eq(inventory.skuId, skus.id), eq(inventory.storeId, filter.storeId)))
    .where(stockListWhere(filter, stockColumns(filter)));
  return row.total;
}

type StockColumns = { onHand: SQL<number>; reserved: SQL<number>; safetyStock: SQL<number>; sales: SQL<number> };

function stockColumns(filter: StockListFilter): StockColumns {
  return {
    onHand: sql<number>`COALESCE(${inventory.onHand}, 0)`,
    reserved: sql<number>`COALESCE(${inventory.reserved}, 0)`,
    safetyStock: sql<number>`COALESCE(${inventory.safetyStock}, 0)`,
    sales: salesOf(filter.storeId, filter.window),
  };
}

/**
 * Units sold of the outer row's SKU at the store in the window: commits and till sales carry
 * −qty as on_hand_delta. Correlated per SKU so it walks the (sku, store, kind, created_at) index
 * instead of scanning the store's whole ledger.
 */
function salesOf(storeId: number, window: { after: Date; until: Date }): SQL<number> {
  return sql<number>`(SELECT COALESCE(-SUM(${inventoryLedger.onHandDelta}), 0) FROM ${inventoryLedger} WHERE ${and(
    eq(inventoryLedger.skuId, skus.id),
    eq(inventoryLedger.storeId, storeId),
    inArray(inventoryLedger.kind, [...SALE_KINDS]),
    gt(inventoryLedger.createdAt, window.after),
    lte(inventoryLedger.createdAt, window.until),
  )})`;
}

function stockListWhere(filter: StockListFilter, cols: StockColumns): SQL | undefined {
  const q = filter.q ? escapeLike(filter.q) : undefined;
  // domain isLowStock(sellableOnline, sales): GREATEST(0, …) is sellableOnline.
  const low = sql`GREATEST(0, ${cols.onHand} - ${cols.reserved} - ${cols.safetyStock}) < ${filter.coverFactor} * ${cols.sales}`;
  return and(
    or(eq(skus.status, 'active'), isNotNull(inventory.skuId)),
    q ? or(like(products.title, `%${q}%`), like(skus.barcode, `${q}%`)) : undefined,
    filter.lowOnly ? low : undefined,
  );
}

/** The user's text matches literally: % and _ are not wildcards for them. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export type LedgerMismatch = {
  skuId: number;
  storeId: number;
  onHand: number;
  reserved: number;
  ledgerOnHand: number;
  ledgerReserved: number;
};

/**
 * Every (SKU, store) whose stock differs from the sum of its ledger, including ledger sums with
 * no stock row. Empty when consistent. A full scan: for tests, reconciliation jobs and audits.
 */
export async function ledgerMismatches(db: DbOrTx): Promise<LedgerMismatch[]> {
  const [rows] = (await db.execute(sql`
    SELECT s.sku_id AS skuId, s.store_id AS storeId,
           COALESCE(i.on_hand, 0) AS onHand, COALESCE(i.reserved, 0) AS reserved,
           COALESCE(l.on_hand_sum, 0) AS ledgerOnHand, COALESCE(l.reserved_sum, 0) AS ledgerReserved
    FROM (SELECT sku_id, store_id FROM inventory UNION SELECT DISTINCT sku_id, store_id FROM inventory_ledger) s
    LEFT JOIN inventory i ON i.sku_id = s.sku_id AND i.store_id = s.store_id
    LEFT JOIN (
      SELECT sku_id, store_id, SUM(on_hand_delta) AS on_hand_sum, SUM(reserved_delta) AS reserved_sum
      FROM inventory_ledger GROUP BY sku_id, store_id
    ) l ON l.sku_id = s.sku_id AND l.store_id = s.store_id
    HAVING onHand <> ledgerOnHand OR reserved <> ledgerReserved
    ORDER BY skuId, storeId`)) as unknown as [Record<keyof LedgerMismatch, string | number>[]];
  return rows.map((row) => ({
    skuId: Number(row.skuId),
    storeId: Number(row.storeId),
    onHand: Number(row.onHand),
    reserved: Number(row.reserved),
    ledgerOnHand: Number(row.ledgerOnHand),
    ledgerReserved: Number(row.ledgerReserved),
  }));
}

export async function skuExists(db: DbOrTx, skuId: number): Promise<boolean> {
  const [row] = await db.select({ id: skus.id }).from(skus).where(eq(skus.id, skuId)).limit(1);
  return row !== undefined;
}

export async function storeExists(db: DbOrTx, storeId: number): Promise<boolean> {
  const [row] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).limit(1);
  return row !== undefined;
}
