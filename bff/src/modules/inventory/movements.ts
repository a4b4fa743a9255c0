import { and, eq, inArray, sql } from 'drizzle-orm';
import { inventory, inventoryLedger, type Tx } from '@shop/db';
import { keepsSafetyStock, onlyAdds, type Deltas, type MovementKind } from '../../domain/inventory';
import { AppError, errors } from '../../http/errors';

/**
 * The one way stock changes. A movement is a set of moves under one reference; applying it
 * 1. claims the reference: INSERT IGNORE of its ledger rows on the unique key
 *    (kind, reference, sku, store). A repeat inserts nothing and is reported as a replay;
 *    a concurrent repeat waits on the key lock until the first commits or rolls back;
 * 2. moves the stock with one guarded UPDATE per row, in (skuId, storeId) order. The guard is
 *    the invariant itself (domain `canApply`) evaluated inside the UPDATE, so there is no
 *    read-then-write window; zero rows matched means the movement does not fit and we throw,
 *    which rolls the caller's transaction back — ledger rows included.
 * Lock order is always "ledger keys, then stock rows by (sku, store)", the same for every
 * operation, so single operations do not deadlock each other, and the hot stock row is held
 * only from its UPDATE to COMMIT. Two cases can still deadlock, and MariaDB then rolls one
 * transaction back (errno 1213): concurrent repeats of a reference whose first attempt rolls
 * back, and caller transactions that make several movements. `withInventoryTx` retries those.
 */

export type Actor = { type: 'system' | 'member' | 'staff'; id?: number };

export type Move = Deltas & { kind: MovementKind; skuId: number; storeId: number };

export type Movement = {
  reference: string;
  actor: Actor;
  moves: Move[];
  note?: string;
  /** When it happened; defaults to the database clock. Pass deps.now() so the low-stock window shares the app clock. */
  at?: Date;
  /** The error for a move whose guard fails (e.g. OUT_OF_STOCK). */
  onShort: (move: Move) => Error;
};

const REFERENCE_MAX_LENGTH = 64;
const NOTE_MAX_LENGTH = 255;

/** Returns false when the reference already made exactly this movement (nothing changed). */
export async function applyMovement(tx: Tx, movement: Movement): Promise<boolean> {
  if (!(await claimReference(tx, movement))) return false;
  const ordered = [...movement.moves].sort((a, b) => a.skuId - b.skuId || a.storeId - b.storeId);
  for (const move of ordered) {
    const moved = onlyAdds(move) ? await addStock(tx, move) : await guardedMove(tx, move);
    if (!moved) throw movement.onShort(move);
  }
  return true;
}

/** Inserts the ledger rows; false when all of them already exist with the same deltas (a replay). */
async function claimReference(tx: Tx, movement: Movement): Promise<boolean> {
  // INSERT IGNORE would silently truncate an over-long value: refuse it instead.
  if (movement.reference.length === 0 || movement.reference.length > REFERENCE_MAX_LENGTH) {
    throw errors.validation('单据号不正确');
  }
  const rows = movement.moves.map((move) => ({
    skuId: move.skuId,
    storeId: move.storeId,
    kind: move.kind,
    onHandDelta: move.onHandDelta,
    reservedDelta: move.reservedDelta,
    reference: movement.reference,
    actorType: movement.actor.type,
    actorId: movement.actor.id ?? null,
    note: movement.note?.slice(0, NOTE_MAX_LENGTH) ?? null,
    ...(movement.at ? { createdAt: movement.at } : {}),
  }));
  const [result] = await tx.insert(inventoryLedger).ignore().values(rows);
  if (result.affectedRows === rows.length) return true;
  if (result.affectedRows === 0 && (await sameAsRecorded(tx, movement))) return false;
  throw referenceReused();
}

/** A reference names one movement: repeating it with other lines is a caller bug, not a replay. */
async function sameAsRecorded(tx: Tx, movement: Movement): Promise<boolean> {
  const stores = new Set(movement.moves.map((m) => m.storeId));
  const kinds = [...new Set(movement.moves.map((m) => m.kind))];
  const recorded = (await lockRecorded(tx, movement.reference, kinds)).filter((r) => stores.has(r.storeId));
  const key = (r: { kind: string; skuId: number; storeId: number }) => `${r.kind}/${r.skuId}@${r.storeId}`;
  const byKey = new Map(recorded.map((r) => [key(r), r]));
  return (
    recorded.length === movement.moves.length &&
    movement.moves.every((move) => {
      const row = byKey.get(key(move));
      return row !== undefined && row.onHandDelta === move.onHandDelta && row.reservedDelta === move.reservedDelta;
    })
  );
}

/**
 * The recorded rows of a reference, read with LOCK IN SHARE MODE: a locking read sees the latest
 * committed rows whatever snapshot the caller's transaction holds, and a SHARED one is what the
 * duplicate-key check of INSERT IGNORE already holds — asking for an exclusive lock here would
 * make concurrent repeats of one reference deadlock upgrading their shared locks.
 * (MariaDB has no FOR SHARE, so drizzle's `.for('share')` cannot be used.)
 */
async function lockRecorded(
  tx: Tx,
  reference: string,
  kinds: MovementKind[],
): Promise<(Deltas & { kind: string; skuId: number; storeId: number })[]> {
  const l = inventoryLedger;
  const [rows] = (await tx.execute(sql`
    SELECT ${l.kind} AS kind, ${l.skuId} AS skuId, ${l.storeId} AS storeId, ${l.onHandDelta} AS onHandDelta, ${l.reservedDelta} AS reservedDelta
    FROM ${l} WHERE ${and(inArray(l.kind, kinds), eq(l.reference, reference))}
    LOCK IN SHARE MODE`)) as unknown as [
    { kind: string; skuId: number | string; storeId: number | string; onHandDelta: number; reservedDelta: number }[],
  ];
  return rows.map((r) => ({ ...r, skuId: Number(r.skuId), storeId: Number(r.storeId) }));
}

export function referenceReused(): AppError {
  return errors.conflict('REFERENCE_REUSED', '该单据号已用于另一笔库存变动');
}

/** Goods in (receipt, transfer in, restock, positive adjustment): creates the stock row when missing. */
async function addStock(tx: Tx, move: Move): Promise<boolean> {
  await tx
    .insert(inventory)
    .values({ skuId: move.skuId, storeId: move.storeId, onHand: move.onHandDelta })
    .onDuplicateKeyUpdate({ set: { onHand: sql`${inventory.onHand} + ${move.onHandDelta}` } });
  return true;
}

/**
 * The guarded UPDATE: applies the deltas only if afterwards reserved ≥ 0 and
 * on_hand − reserved ≥ floor (safety stock for online reservations, else 0). For a reservation
 * of q this reads `on_hand − reserved − safety_stock ≥ q`; for a till sale `on_hand − reserved ≥ q`.
 */
async function guardedMove(tx: Tx, move: Move): Promise<boolean> {
  const { onHandDelta: dOn, reservedDelta: dRes } = move;
  const floor = keepsSafetyStock(move.kind) ? inventory.safetyStock : sql`0`;
  const [result] = await tx
    .update(inventory)
    .set({ onHand: sql`${inventory.onHand} + ${dOn}`, reserved: sql`${inventory.reserved} + ${dRes}` })
    .where(
      and(
        eq(inventory.skuId, move.skuId),
        eq(inventory.storeId, move.storeId),
        sql`${inventory.reserved} + ${dRes} >= 0`,
        sql`${inventory.onHand} + ${dOn} - (${inventory.reserved} + ${dRes}) >= ${floor}`,
      ),
    );
  return result.affectedRows === 1;
}
