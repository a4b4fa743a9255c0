import {
  canApply,
  isLowStock,
  keepsSafetyStock,
  mergeLines,
  movementDeltas,
  onlyAdds,
  salesWindow,
  sellableAtTill,
  sellableOnline,
  type MovementKind,
} from '../../src/domain/inventory';

describe('sellable quantities', () => {
  it.each([
    // onHand, reserved, safety → online, till
    [10, 0, 0, 10, 10],
    [10, 3, 2, 5, 7],
    [10, 8, 2, 0, 2],
    [10, 10, 2, 0, 0],
    // safety stock larger than what is free: online sells nothing, never a negative number
    [3, 1, 5, 0, 2],
    [0, 0, 0, 0, 0],
  ])('on hand %i, reserved %i, safety %i → online %i, till %i', (onHand, reserved, safetyStock, online, till) => {
    const stock = { onHand, reserved, safetyStock };
    expect(sellableOnline(stock)).toBe(online);
    expect(sellableAtTill(stock)).toBe(till);
  });
});

describe('movement deltas (what the ledger records)', () => {
  it.each<[MovementKind, number, number, number]>([
    ['receive', 5, 5, 0],
    ['reserve', 5, 0, 5],
    ['release', 5, 0, -5],
    ['commit', 5, -5, -5],
    ['offline_sale', 5, -5, 0],
    ['adjust', 5, 5, 0],
    ['adjust', -5, -5, 0],
    ['transfer_out', 5, -5, 0],
    ['transfer_in', 5, 5, 0],
    ['refund_restock', 5, 5, 0],
  ])('%s of %i → on hand %i, reserved %i', (kind, qty, onHandDelta, reservedDelta) => {
    expect(movementDeltas(kind, qty)).toEqual({ onHandDelta, reservedDelta });
  });

  it('only goods-in movements skip the guard (and may create the stock row)', () => {
    expect(onlyAdds(movementDeltas('receive', 1))).toBe(true);
    expect(onlyAdds(movementDeltas('adjust', 1))).toBe(true);
    expect(onlyAdds(movementDeltas('adjust', -1))).toBe(false);
    expect(onlyAdds(movementDeltas('reserve', 1))).toBe(false);
    expect(onlyAdds(movementDeltas('commit', 1))).toBe(false);
  });

  it('only online reservations keep the safety stock', () => {
    const kinds: MovementKind[] = [
      'receive',
      'reserve',
      'release',
      'commit',
      'offline_sale',
      'adjust',
      'transfer_out',
      'transfer_in',
      'refund_restock',
    ];
    expect(kinds.filter(keepsSafetyStock)).toEqual(['reserve']);
  });
});

describe('canApply (the guard of every UPDATE)', () => {
  const stock = { onHand: 10, reserved: 3, safetyStock: 2 };
  it.each<[MovementKind, number, boolean]>([
    ['reserve', 5, true], // 10 − 3 − 2 = 5 sellable online
    ['reserve', 6, false],
    ['offline_sale', 7, true], // the till may sell the safety stock …
    ['offline_sale', 8, false], // … never what online orders hold
    ['transfer_out', 7, true],
    ['transfer_out', 8, false],
    ['adjust', -7, true], // on hand down to reserved
    ['adjust', -8, false],
    ['release', 3, true],
    ['release', 4, false], // more than is held
    ['commit', 3, true],
    ['commit', 4, false],
  ])('%s %i → %s', (kind, qty, ok) => {
    expect(canApply(stock, kind, movementDeltas(kind, qty))).toBe(ok);
  });
});

describe('mergeLines', () => {
  it('merges duplicate SKUs and sorts by skuId so locks are taken in a stable order', () => {
    expect(
      mergeLines([
        { skuId: 9, qty: 1 },
        { skuId: 3, qty: 2 },
        { skuId: 9, qty: 4 },
      ]),
    ).toEqual([
      { skuId: 3, qty: 2 },
      { skuId: 9, qty: 5 },
    ]);
    expect(mergeLines([])).toEqual([]);
  });
});

describe('low-stock rule', () => {
  it.each([
    // sellable, 7-day sales → low
    [9, 5, true], // 2 × 5 − 1
    [10, 5, false], // exactly 2 × sales
    [0, 1, true],
    [0, 0, false], // no sales: nothing to run out against
    [100, 0, false],
  ])('sellable %i with sales %i → low %s', (sellable, sales, low) => {
    expect(isLowStock(sellable, sales)).toBe(low);
  });

  it('takes its factor from the rule', () => {
    expect(isLowStock(14, 5, { windowDays: 7, coverFactor: 3 })).toBe(true);
    expect(isLowStock(15, 5, { windowDays: 7, coverFactor: 3 })).toBe(false);
  });

  it('looks back 7 × 24 h from now', () => {
    const now = new Date('2026-11-22T04:00:00.000Z');
    expect(salesWindow(now)).toEqual({ after: new Date('2026-11-15T04:00:00.000Z'), until: now });
    expect(salesWindow(now, { windowDays: 1, coverFactor: 2 }).after).toEqual(new Date('2026-11-21T04:00:00.000Z'));
  });
});
