/**
 * Inventory rules as pure functions (docs/domain.md#stock): one stock per (SKU, store) shared
 * by online orders and the till, what each movement does to it, and the low-stock alert.
 * The inventory module turns these into guarded SQL; the tables here are what its tests check.
 */
import type { inventoryMovementKinds } from '@shop/db';

export type MovementKind = (typeof inventoryMovementKinds)[number];

export type StockLevel = { onHand: number; reserved: number; safetyStock: number };

/** Online may sell what is neither held by other orders nor kept back for walk-in customers (线下优先). */
export function sellableOnline(stock: StockLevel): number {
  return Math.max(0, stock.onHand - stock.reserved - stock.safetyStock);
}

/** The till may also sell the safety stock, never what online orders hold. */
export function sellableAtTill(stock: StockLevel): number {
  return Math.max(0, stock.onHand - stock.reserved);
}

export type Deltas = { onHandDelta: number; reservedDelta: number };

/**
 * What one movement of `qty` units does to (on_hand, reserved). `qty` is positive, except for
 * `adjust`, whose signed qty is the correction itself. The ledger stores exactly these deltas,
 * so Σ ledger = stock holds by construction.
 */
export function movementDeltas(kind: MovementKind, qty: number): Deltas {
  switch (kind) {
    case 'receive':
    case 'transfer_in':
    case 'refund_restock':
    case 'adjust':
      return { onHandDelta: qty, reservedDelta: 0 };
    case 'reserve':
      return { onHandDelta: 0, reservedDelta: qty };
    case 'release':
      return { onHandDelta: 0, reservedDelta: -qty };
    case 'commit':
      // Reserved goods leave the store: they stop being held and stop being on hand.
      return { onHandDelta: -qty, reservedDelta: -qty };
    case 'offline_sale':
    case 'transfer_out':
      return { onHandDelta: -qty, reservedDelta: 0 };
  }
}

/**
 * Only online reservations leave the safety stock alone (线下优先); every other movement may use
 * it — the till, transfers, stocktake corrections — but never what online orders hold.
 */
export function keepsSafetyStock(kind: MovementKind): boolean {
  return kind === 'reserve';
}

/**
 * Whether a movement may apply to the current stock: afterwards reserved ≥ 0 and
 * on_hand − reserved ≥ the safety stock (reservations) or 0 (everything else), which also keeps
 * on_hand ≥ reserved ≥ 0. The inventory module evaluates this same predicate inside its UPDATE.
 */
export function canApply(stock: StockLevel, kind: MovementKind, deltas: Deltas): boolean {
  const onHand = stock.onHand + deltas.onHandDelta;
  const reserved = stock.reserved + deltas.reservedDelta;
  const floor = keepsSafetyStock(kind) ? stock.safetyStock : 0;
  return reserved >= 0 && onHand - reserved >= floor;
}

/** Movements that only add goods: they cannot break an invariant, and may create the stock row. */
export function onlyAdds(deltas: Deltas): boolean {
  return deltas.onHandDelta > 0 && deltas.reservedDelta === 0;
}

export type StockLine = { skuId: number; qty: number };

/**
 * One line per SKU, sorted by skuId: duplicate lines are merged so a reference moves a SKU once,
 * and a stable order makes concurrent multi-line movements lock rows in the same sequence
 * (no deadlocks between two carts that share SKUs).
 */
export function mergeLines(lines: readonly StockLine[]): StockLine[] {
  const bySku = new Map<number, number>();
  for (const line of lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.qty);
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty })).sort((a, b) => a.skuId - b.skuId);
}

/** Movements that count as sales for the low-stock rule: handovers of online orders and till sales. */
export const SALE_KINDS = ['commit', 'offline_sale'] as const satisfies readonly MovementKind[];

/** docs/domain.md#stock: alert when available < 2 × the last 7 days' sales. Defaults; callers may pass others. */
export type LowStockRule = { windowDays: number; coverFactor: number };
export const DEFAULT_LOW_STOCK_RULE: LowStockRule = { windowDays: 7, coverFactor: 2 };

/** The sales window ending at `now`: (now − windowDays × 24 h, now]. */
export function salesWindow(now: Date, rule: LowStockRule = DEFAULT_LOW_STOCK_RULE): { after: Date; until: Date } {
  return { after: new Date(now.getTime() - rule.windowDays * 24 * 3_600_000), until: now };
}

/**
 * Low stock: what online can still sell will not cover `coverFactor` × the recent sales. Online
 * sellable is the conservative measure (it alerts before the shelf empties); a SKU that did not
 * sell in the window is never low — there is nothing to run out against.
 */
export function isLowStock(sellable: number, recentSales: number, rule: LowStockRule = DEFAULT_LOW_STOCK_RULE): boolean {
  return sellable < rule.coverFactor * recentSales;
}
