import { and, eq } from 'drizzle-orm';
import { inventory, inventoryLedger, type Db, type Tx } from '@shop/db';
import { getStock, receive, type Actor } from '../../src/modules/inventory/service';

export const system: Actor = { type: 'system' };

let counter = 0;
/** A reference no other test uses. */
export function ref(prefix = 'T'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** Runs one operation in its own transaction, the way a caller would. */
export function inTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}

/**
 * Stock through the front door: a receipt (so the ledger explains it) plus the safety stock,
 * which is a setting, not a movement.
 */
export async function stockUp(db: Db, input: { skuId: number; storeId: number; onHand: number; safetyStock?: number }): Promise<void> {
  if (input.onHand > 0) {
    await inTx(db, (tx) =>
      receive(tx, { storeId: input.storeId, lines: [{ skuId: input.skuId, qty: input.onHand }], reference: ref('STOCK'), actor: system }),
    );
  }
  await setSafetyStock(db, input.skuId, input.storeId, input.safetyStock ?? 0);
}

export async function setSafetyStock(db: Db, skuId: number, storeId: number, safetyStock: number): Promise<void> {
  await db.insert(inventory).values({ skuId, storeId, safetyStock }).onDuplicateKeyUpdate({ set: { safetyStock } });
}

export async function stockOf(db: Db, skuId: number, storeId: number) {
  const [stock] = await getStock(db, { storeId, skuIds: [skuId] });
  return stock;
}

export async function ledgerOf(db: Db, reference: string) {
  return db.select().from(inventoryLedger).where(eq(inventoryLedger.reference, reference));
}

export async function ledgerRows(db: Db, skuId: number, storeId: number) {
  return db
    .select()
    .from(inventoryLedger)
    .where(and(eq(inventoryLedger.skuId, skuId), eq(inventoryLedger.storeId, storeId)));
}

/** The code of an AppError a promise rejected with (or the error itself when it is something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
    throw err;
  }
  throw new Error('expected a rejection');
}
