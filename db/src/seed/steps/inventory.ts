import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../index';
import { inventory, inventoryLedger } from '../../schema';
import { productSeeds } from '../data/products';
import { storeSeeds } from '../data/stores';
import { idOf, insertMissing, insertRows, SEED_REFERENCE, type TableCount } from '../helpers';
import { featuredSkuCodes, planSkus, planStock } from '../plan';

/**
 * Stock for every SKU at every store, each with the 'receive' ledger row that explains it, so
 * Σ ledger = on_hand from the start. A ledger row is written only together with its new
 * inventory row: stock that already exists may have moved since (orders, stocktakes), and a
 * second receipt would break the sum.
 */
export async function seedInventory(
  tx: Tx,
  skuIds: Map<string, number>,
  storeIds: Map<string, number>,
): Promise<{ inventory: TableCount; inventory_ledger: TableCount }> {
  const featured = featuredSkuCodes();
  const rows = productSeeds.flatMap((product) =>
    planSkus(product).flatMap(({ skuCode }) =>
      storeSeeds.map((store) => ({
        skuId: idOf(skuIds, skuCode, 'SKU'),
        storeId: idOf(storeIds, store.code, 'store'),
        reserved: 0,
        ...planStock(skuCode, store.code, featured.has(skuCode)),
      })),
    ),
  );
  const pair = (r: { skuId: number; storeId: number }) => `${r.skuId}@${r.storeId}`;
  const skuIdList = [...skuIds.values()];
  const storeIdList = [...storeIds.values()];

  const existingStock = await tx
    .select({ skuId: inventory.skuId, storeId: inventory.storeId })
    .from(inventory)
    .where(and(inArray(inventory.skuId, skuIdList), inArray(inventory.storeId, storeIdList)));
  const insertedStock = await insertMissing(tx, inventory, rows, new Set(existingStock.map(pair)), pair);

  const existingReceipts = await tx
    .select({ skuId: inventoryLedger.skuId, storeId: inventoryLedger.storeId })
    .from(inventoryLedger)
    .where(and(eq(inventoryLedger.kind, 'receive'), eq(inventoryLedger.reference, SEED_REFERENCE)));
  const receipts = insertedStock.map((row) => ({
    skuId: row.skuId,
    storeId: row.storeId,
    kind: 'receive' as const,
    onHandDelta: row.onHand ?? 0,
    reservedDelta: 0,
    reference: SEED_REFERENCE,
    actorType: 'system' as const,
    note: '演示数据初始入库',
  }));
  // A receipt for a brand-new inventory row cannot already exist; if one does, the unique index
  // (kind, reference, sku, store) stops the seed rather than double-counting stock.
  await insertRows(tx, inventoryLedger, receipts);

  const rowKeys = new Set(rows.map(pair));
  return {
    inventory: { rows: rows.length, inserted: insertedStock.length },
    inventory_ledger: {
      rows: existingReceipts.filter((r) => rowKeys.has(pair(r))).length + receipts.length,
      inserted: receipts.length,
    },
  };
}
