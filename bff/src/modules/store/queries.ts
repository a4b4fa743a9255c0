import { and, asc, eq, inArray } from 'drizzle-orm';
import { inventory, stores, type DbOrTx } from '@shop/db';
import { sellableOnlineSql } from '../inventory';

export type StoreRow = typeof stores.$inferSelect;

export async function listOpenStores(db: DbOrTx): Promise<StoreRow[]> {
  return db.select().from(stores).where(eq(stores.status, 'open')).orderBy(asc(stores.id));
}

/** Online sellable units per (store, SKU) for the given SKUs. */
export async function sellableByStore(db: DbOrTx, skuIds: number[]): Promise<Map<number, Map<number, number>>> {
  const byStore = new Map<number, Map<number, number>>();
  if (skuIds.length === 0) return byStore;
  const rows = await db
    .select({
      storeId: inventory.storeId,
      skuId: inventory.skuId,
      sellable: sellableOnlineSql,
    })
    .from(inventory)
    .where(and(inArray(inventory.skuId, skuIds)));
  for (const row of rows) {
    const perSku = byStore.get(row.storeId) ?? new Map<number, number>();
    perSku.set(row.skuId, Number(row.sellable));
    byStore.set(row.storeId, perSku);
  }
  return byStore;
}
