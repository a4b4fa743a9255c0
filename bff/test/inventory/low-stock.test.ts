import { asc } from 'drizzle-orm';
import { skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { adjust, checkLedger, commit, lowStock, reserve, sellOffline } from '../../src/modules/inventory/service';
import { createTestDeps, type TestDeps } from '../support/deps';
import { inTx, ref, setSafetyStock, stockOf, system } from './helpers';

/**
 * Low stock: sellable online < 2 × the SKU's sales at that store in the last 7 × 24 h, where
 * sales are handovers (commit) and till sales. Movements are stamped with explicit times.
 */
describe('low-stock rule', () => {
  let deps: TestDeps;
  let skuIds: number[];
  const S1 = 1;
  const S2 = 2;
  const now = new Date('2026-11-22T04:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const HOUR = 3_600_000;
  const WEEK = 7 * 24 * HOUR;

  beforeAll(async () => {
    deps = await createTestDeps({ label: 'inv_low', now: () => now });
    await seedDemo(deps.db, now);
    skuIds = (await deps.db.select({ id: skus.id }).from(skus).orderBy(asc(skus.id)).limit(5)).map((r) => r.id);
  });
  afterAll(async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
    await deps.close();
  });

  const run = <T>(fn: Parameters<typeof inTx<T>>[1]) => inTx(deps.db, fn);
  const sellAt = (skuId: number, storeId: number, qty: number, at: Date) =>
    run((tx) => sellOffline(tx, { storeId, lines: [{ skuId, qty }], reference: ref('POS'), actor: system, at }));
  async function pickUpAt(skuId: number, qty: number, at: Date) {
    const reference = ref('SO');
    await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId, qty }], reference, actor: system, at }));
    await run((tx) => commit(tx, { storeId: S1, reference, actor: system, at }));
  }
  /** Brings on hand to `onHand` through an adjustment, so the ledger still explains the stock. */
  async function setOnHand(skuId: number, storeId: number, onHand: number, safetyStock: number) {
    const delta = onHand - (await stockOf(deps.db, skuId, storeId)).onHand;
    if (delta !== 0)
      await run((tx) => adjust(tx, { storeId, skuId, delta, note: '测试盘点', reference: ref('ADJ'), actor: system, at: ago(WEEK * 2) }));
    await setSafetyStock(deps.db, skuId, storeId, safetyStock);
  }
  const lowAt = async (storeId: number) => (await lowStock(deps.db, storeId, now)).map((item) => item.skuId);

  it('nothing is low before anything sold', async () => {
    expect(await lowAt(S1)).toEqual([]);
  });

  it('flags sellable = 2 × sales − 1, not 2 × sales; counts commits and till sales of this store in the window only', async () => {
    const sku = skuIds[0];
    await setOnHand(sku, S1, 40, 0);
    await setOnHand(sku, S2, 40, 0);
    await sellAt(sku, S1, 3, ago(HOUR)); // counts
    await pickUpAt(sku, 2, ago(WEEK - HOUR)); // counts: handed over 6 days 23 h ago
    await sellAt(sku, S1, 10, ago(WEEK + HOUR)); // too old
    await sellAt(sku, S2, 10, ago(HOUR)); // another store

    // 7-day sales at S1 = 5. Sellable online 9 = 2 × 5 − 1 → low (safety stock counts against it).
    await setOnHand(sku, S1, 11, 2);
    const [item] = await lowStock(deps.db, S1, now);
    expect(item).toMatchObject({ skuId: sku, onHand: 11, reserved: 0, safetyStock: 2, sellableOnline: 9, sales7d: 5, low: true });

    // Sellable 10 = 2 × 5 → not low.
    await setOnHand(sku, S1, 12, 2);
    expect(await lowAt(S1)).toEqual([]);

    // An unpaid order's reservation takes sellable back to 9 → low again.
    await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: ref('SO'), actor: system, at: now }));
    expect(await lowAt(S1)).toEqual([sku]);
    // S2 sold 10 but holds 30 ≥ 2 × 10: not low there.
    expect(await lowAt(S2)).toEqual([]);
  });

  it('the window is (now − 7 × 24 h, now]: a sale exactly a week ago no longer counts', async () => {
    const sku = skuIds[1];
    await setOnHand(sku, S1, 20, 0);
    await sellAt(sku, S1, 1, ago(WEEK));
    await setOnHand(sku, S1, 1, 0);
    expect(await lowAt(S1)).not.toContain(sku);
    await sellAt(sku, S1, 1, ago(WEEK - 1));
    await setOnHand(sku, S1, 1, 0);
    expect((await lowStock(deps.db, S1, now)).find((i) => i.skuId === sku)).toMatchObject({ sales7d: 1, sellableOnline: 1, low: true });
    // A sale stamped after `now` (clock skew) is not part of this window either.
    await sellAt(sku, S1, 1, new Date(now.getTime() + HOUR));
    await setOnHand(sku, S1, 1, 0);
    expect((await lowStock(deps.db, S1, now)).find((i) => i.skuId === sku)?.sales7d).toBe(1);
  });

  it('a SKU with no sales is never low, even when online cannot sell it', async () => {
    const sku = skuIds[2];
    await setOnHand(sku, S1, 0, 0);
    expect(await lowAt(S1)).not.toContain(sku);
  });
});
