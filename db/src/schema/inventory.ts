import { sql } from 'drizzle-orm';
import { bigint, check, index, int, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, updatedAt } from '../columns';

/**
 * Stock per (SKU, store): one stock for online and the till.
 * Online sellable = on_hand − reserved − safety_stock; the till may also sell safety stock.
 * The CHECKs are the last line of defence behind the guarded UPDATEs in the inventory module.
 */
export const inventory = mysqlTable(
  'inventory',
  {
    skuId: ref('sku_id').notNull(),
    storeId: ref('store_id').notNull(),
    onHand: int('on_hand').notNull().default(0),
    reserved: int('reserved').notNull().default(0),
    safetyStock: int('safety_stock').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.storeId] }),
    // store picker / staff stock list: everything at one store
    index('inventory_store_idx').on(t.storeId),
    check('inventory_on_hand_nonneg', sql`${t.onHand} >= 0`),
    check('inventory_reserved_range', sql`${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`),
    check('inventory_safety_nonneg', sql`${t.safetyStock} >= 0`),
  ],
);

export const inventoryMovementKinds = [
  'receive', // goods in
  'reserve', // online order holds stock
  'release', // hold returned (cancel, expiry, failed group)
  'commit', // reserved stock handed over (pickup)
  'offline_sale', // sold at the till
  'adjust', // stocktake correction, damage … with a note
  'transfer_out',
  'transfer_in',
  'refund_restock', // goods back after a refund
] as const;

/** Every stock movement. For each (sku, store): Σ on_hand_delta = on_hand and Σ reserved_delta = reserved. */
export const inventoryLedger = mysqlTable(
  'inventory_ledger',
  {
    id: id(),
    skuId: ref('sku_id').notNull(),
    storeId: ref('store_id').notNull(),
    kind: mysqlEnum('kind', inventoryMovementKinds).notNull(),
    onHandDelta: int('on_hand_delta').notNull(),
    reservedDelta: int('reserved_delta').notNull(),
    /** Order no, transfer no, stocktake id …; with kind it makes a movement idempotent. */
    reference: varchar('reference', { length: 64 }).notNull(),
    actorType: mysqlEnum('actor_type', ['system', 'member', 'staff']).notNull(),
    actorId: bigint('actor_id', { mode: 'number', unsigned: true }),
    note: varchar('note', { length: 255 }),
    createdAt: createdAt(),
  },
  (t) => [
    // idempotency: a reference moves a (sku, store) at most once per kind
    uniqueIndex('inventory_ledger_ref_uq').on(t.kind, t.reference, t.skuId, t.storeId),
    // low-stock rule: last 7 days' sales of a SKU at a store; ledger-sum consistency checks
    index('inventory_ledger_sku_store_idx').on(t.skuId, t.storeId, t.kind, t.createdAt),
  ],
);
