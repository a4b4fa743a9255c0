import type { Db, DbOrTx, Tx } from '@shop/db';
import { specText } from '../../domain/spec-text';
import { READ_COMMITTED } from '../../transactions';
import {
  DEFAULT_LOW_STOCK_RULE,
  isLowStock,
  mergeLines,
  movementDeltas,
  salesWindow,
  sellableAtTill,
  sellableOnline,
  type LowStockRule,
  type MovementKind,
  type StockLevel,
  type StockLine,
} from '../../domain/inventory';
import { AppError, errors } from '../../http/errors';
import { applyMovement, type Actor, type Move } from './movements';
import { findStock, ledgerMismatches, listStoreStock, lockReservation, type LedgerMismatch, type StockListRow } from './queries';

/**
 * Inventory: one stock per (SKU, store) for online orders and the till (docs/domain.md#stock).
 *
 * Every operation takes the caller's transaction, so an order can write itself and reserve its
 * stock atomically; a thrown error (OUT_OF_STOCK …) must roll that transaction back. Wrap a
 * stand-alone call in `withInventoryTx`. Each operation writes one ledger row per (SKU, store)
 * with the exact deltas it applied, and is idempotent per `reference`: repeating it returns
 * `applied: false` and changes nothing; repeating a reference with different lines is a 409.
 *
 * Hot SKUs: the stock row stays locked from the guarded UPDATE until COMMIT, so callers should
 * reserve as the LAST step of their transaction and commit right after.
 */

export type { Actor } from './movements';
export type { StockLine } from '../../domain/inventory';

export type MovementResult = {
  /** False when this reference had already made the movement (or there was nothing to do). */
  applied: boolean;
  /** The lines moved (on a replay: as recorded). */
  lines: StockLine[];
};

/** What every operation names: where, under which reference, by whom, when. */
type Common = {
  storeId: number;
  /** Order no, sale no, stocktake id …: makes the movement idempotent. At most 64 characters. */
  reference: string;
  actor: Actor;
  /** When the movement happened; defaults to the database clock. Pass deps.now(). */
  at?: Date;
};
export type LinesInput = Common & { lines: StockLine[]; note?: string };

const MAX_QTY = 1_000_000;

/** Holds stock for an online order, all lines or none; never touches the safety stock. */
export async function reserve(tx: Tx, input: LinesInput): Promise<MovementResult> {
  return moveLines(tx, 'reserve', input, outOfStock);
}

/** Sells at the till: may use the safety stock, never what online orders hold. */
export async function sellOffline(tx: Tx, input: LinesInput): Promise<MovementResult> {
  return moveLines(tx, 'offline_sale', input, outOfStock);
}

/** Goods in from a supplier or the warehouse; creates the stock row when the store never had the SKU. */
export async function receive(tx: Tx, input: LinesInput): Promise<MovementResult> {
  return moveLines(tx, 'receive', input, neverShort);
}

/** Goods back on the shelf after a refund of goods already handed over (before handover: `release`). */
export async function restock(tx: Tx, input: LinesInput): Promise<MovementResult> {
  return moveLines(tx, 'refund_restock', input, neverShort);
}

/** Returns what `reference` holds at the store, once. Release after commit is a no-op (nothing is held). */
export async function release(tx: Tx, input: Common): Promise<MovementResult> {
  return settleReservation(tx, 'release', input);
}

/**
 * Turns the reservation into a sale (handover): on_hand and reserved both drop, once.
 * Commit after release is refused with 409 RESERVATION_RELEASED: handing over goods the order no
 * longer holds means the order and the stock disagree, and a silent no-op would hide a sale.
 */
export async function commit(tx: Tx, input: Common): Promise<MovementResult> {
  return settleReservation(tx, 'commit', input);
}

/** Stocktake correction, damage, loss … A reason is required; on_hand may not drop below reserved. */
export async function adjust(tx: Tx, input: Common & { skuId: number; delta: number; note: string }): Promise<MovementResult> {
  assertSkuId(input.skuId);
  if (!Number.isSafeInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_QTY) {
    throw errors.validation('调整数量不正确');
  }
  const note = input.note.trim();
  if (!note) throw errors.validation('请填写调整原因');
  const applied = await applyMovement(tx, {
    ...input,
    note,
    moves: [move('adjust', input.skuId, input.storeId, input.delta)],
    onShort: belowReserved,
  });
  return { applied, lines: [{ skuId: input.skuId, qty: input.delta }] };
}

/** Moves goods between stores: transfer_out at the source (guarded like a till sale) and transfer_in at the target. */
export async function transfer(
  tx: Tx,
  input: Omit<Common, 'storeId'> & { fromStoreId: number; toStoreId: number; skuId: number; qty: number; note?: string },
): Promise<MovementResult> {
  assertLine(input);
  if (input.fromStoreId === input.toStoreId) throw errors.validation('调出和调入门店不能相同');
  const applied = await applyMovement(tx, {
    ...input,
    moves: [move('transfer_out', input.skuId, input.fromStoreId, input.qty), move('transfer_in', input.skuId, input.toStoreId, input.qty)],
    onShort: outOfStock,
  });
  return { applied, lines: [{ skuId: input.skuId, qty: input.qty }] };
}

async function moveLines(tx: Tx, kind: MovementKind, input: LinesInput, onShort: (m: Move) => Error): Promise<MovementResult> {
  if (input.lines.length === 0) throw errors.validation('请选择商品');
  for (const line of input.lines) assertLine(line);
  const lines = mergeLines(input.lines);
  const applied = await applyMovement(tx, {
    ...input,
    moves: lines.map((line) => move(kind, line.skuId, input.storeId, line.qty)),
    onShort,
  });
  return { applied, lines };
}

async function settleReservation(tx: Tx, kind: 'release' | 'commit', input: Common): Promise<MovementResult> {
  const entries = await lockReservation(tx, input.storeId, input.reference);
  const held = entries.filter((e) => e.kind === 'reserve').map((e) => ({ skuId: e.skuId, qty: e.reservedDelta }));
  const settledBy = entries.find((e) => e.kind !== 'reserve')?.kind;
  if (held.length === 0) {
    if (kind === 'release') return { applied: false, lines: [] };
    throw errors.conflict('RESERVATION_NOT_FOUND', '没有找到该订单的库存预留');
  }
  if (settledBy === kind) return { applied: false, lines: held };
  if (settledBy === 'commit') return { applied: false, lines: [] };
  if (settledBy === 'release') throw errors.conflict('RESERVATION_RELEASED', '该订单预留的库存已释放，不能出库');
  await applyMovement(tx, {
    ...input,
    moves: held.map((line) => move(kind, line.skuId, input.storeId, line.qty)),
    // The ledger says these units are held; a stock row that disagrees is a bug, not a user error.
    onShort: (m) =>
      new Error(`inventory: ${kind} ${input.reference} found less reserved than recorded for sku ${m.skuId} at store ${m.storeId}`),
  });
  return { applied: true, lines: held };
}

function move(kind: MovementKind, skuId: number, storeId: number, qty: number): Move {
  return { kind, skuId, storeId, ...movementDeltas(kind, qty) };
}

function assertLine(line: StockLine): void {
  assertSkuId(line.skuId);
  assertQty(line.qty);
}

function assertSkuId(skuId: number): void {
  if (!Number.isSafeInteger(skuId) || skuId <= 0) throw errors.validation('商品不正确');
}

function assertQty(qty: number): void {
  if (!Number.isSafeInteger(qty) || qty <= 0 || qty > MAX_QTY) throw errors.validation('商品数量不正确');
}

function outOfStock(m: Move): AppError {
  return new AppError('business_rule', 'OUT_OF_STOCK', '库存不足', { skuId: m.skuId, storeId: m.storeId });
}

function belowReserved(m: Move): AppError {
  return new AppError('business_rule', 'STOCK_BELOW_RESERVED', '调整后的库存不能少于已被订单占用的数量', {
    skuId: m.skuId,
    storeId: m.storeId,
  });
}

function neverShort(m: Move): Error {
  return new Error(`inventory: adding stock cannot fall short (sku ${m.skuId}, store ${m.storeId})`);
}

/** MariaDB picked this transaction as a deadlock victim: it was rolled back and may simply run again. */
const ER_LOCK_DEADLOCK = 1213;
const DEADLOCK_ATTEMPTS = 5;

/**
 * Runs `fn` in its own transaction, retried when MariaDB breaks a deadlock (possible when one
 * transaction makes several movements, or when concurrent repeats of a failed reference race).
 */
export async function withInventoryTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(fn, READ_COMMITTED);
    } catch (err) {
      if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

function isDeadlock(err: unknown): boolean {
  const errno = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { errno?: unknown }).errno : undefined);
  return errno(err) === ER_LOCK_DEADLOCK || errno((err as { cause?: unknown })?.cause) === ER_LOCK_DEADLOCK;
}

export type StockView = StockLevel & { skuId: number; sellableOnline: number; sellableAtTill: number };

export function toStockView(skuId: number, level: StockLevel): StockView {
  const { onHand, reserved, safetyStock } = level;
  return { skuId, onHand, reserved, safetyStock, sellableOnline: sellableOnline(level), sellableAtTill: sellableAtTill(level) };
}

/** Stock of some SKUs at a store, one entry per requested SKU (zeros where the store has none). */
export async function getStock(db: DbOrTx, input: { storeId: number; skuIds: number[] }): Promise<StockView[]> {
  const skuIds = [...new Set(input.skuIds)];
  const rows = new Map((await findStock(db, input.storeId, skuIds)).map((row) => [row.skuId, row]));
  return skuIds.map((skuId) => toStockView(skuId, rows.get(skuId) ?? { onHand: 0, reserved: 0, safetyStock: 0 }));
}

/** A row of the staff stock list and of the low-stock list. */
export type StockListItem = StockView & {
  productId: number;
  skuCode: string;
  title: string;
  specText: string;
  barcode: string;
  imageUrl: string | null;
  /** Units sold at this store in the rule's window (7 days by default). */
  sales7d: number;
  low: boolean;
};

export function toStockListItem(row: StockListRow, rule: LowStockRule = DEFAULT_LOW_STOCK_RULE): StockListItem {
  const stock = toStockView(row.skuId, row);
  return {
    ...stock,
    productId: row.productId,
    skuCode: row.skuCode,
    title: row.title,
    specText: specText(row.specs, row.specValues),
    barcode: row.barcode,
    imageUrl: row.skuImageUrl ?? row.productImages[0] ?? null,
    sales7d: row.sales,
    low: isLowStock(stock.sellableOnline, row.sales, rule),
  };
}

/** The store's low-stock list: sellable online < coverFactor × sales in the window ending at `now`. */
export async function lowStock(
  db: DbOrTx,
  storeId: number,
  now: Date,
  rule: LowStockRule = DEFAULT_LOW_STOCK_RULE,
): Promise<StockListItem[]> {
  const rows = await listStoreStock(db, { storeId, lowOnly: true, window: salesWindow(now, rule), coverFactor: rule.coverFactor });
  return rows.map((row) => toStockListItem(row, rule));
}

/** Every (SKU, store) where the ledger does not sum to the stock; empty when consistent. */
export async function checkLedger(db: DbOrTx): Promise<LedgerMismatch[]> {
  return ledgerMismatches(db);
}
