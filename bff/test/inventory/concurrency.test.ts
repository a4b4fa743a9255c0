import { and, eq } from 'drizzle-orm';
import { inventoryLedger } from '@shop/db';
import { adjust, checkLedger, commit, release, reserve, transfer, withInventoryTx } from '../../src/modules/inventory/service';
import { createTestDeps, type TestDeps } from '../support/deps';
import { inTx, ref, stockOf, stockUp, system } from './helpers';

/**
 * Real parallel transactions on one hot stock row (each call its own transaction on its own
 * pooled connection, fired together). No timing assertions: correctness only.
 */
describe('inventory under concurrency', () => {
  let deps: TestDeps;
  let nextSku = 20_000;
  const S1 = 1;
  const S2 = 2;
  const member = { type: 'member' as const };

  beforeAll(async () => {
    deps = await createTestDeps({ label: 'inv_conc' });
  });
  afterEach(async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
  });
  afterAll(async () => {
    await deps.close();
  });

  /** Settles every promise; counts successes and the error codes of the failures. */
  async function tally(tasks: Promise<unknown>[]) {
    const results = await Promise.allSettled(tasks);
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code ?? String(r.reason));
    return { ok: results.filter((r) => r.status === 'fulfilled').length, codes };
  }

  async function reserveRows(skuId: number) {
    return deps.db
      .select()
      .from(inventoryLedger)
      .where(and(eq(inventoryLedger.skuId, skuId), eq(inventoryLedger.kind, 'reserve')));
  }

  it.each([
    [0, 50],
    [5, 45],
  ])('200 parallel reserves of 1 on stock 50 with safety %i → exactly %i succeed', async (safetyStock, expected) => {
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 50, safetyStock });
    const { ok, codes } = await tally(
      Array.from({ length: 200 }, (_, i) =>
        inTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: `HOT-${sku}-${i}`, actor: member })),
      ),
    );
    expect(ok).toBe(expected);
    expect(codes).toEqual(Array(200 - expected).fill('OUT_OF_STOCK'));
    expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 50, reserved: expected, sellableOnline: 0 });
    expect(await reserveRows(sku)).toHaveLength(expected);
  });

  it('the same reference reserved 10 times at once reserves once', async () => {
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 20 });
    const reference = ref('SO');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        inTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 3 }], reference, actor: member })),
      ),
    );
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(results.every((r) => r.lines[0].qty === 3)).toBe(true);
    expect((await stockOf(deps.db, sku, S1)).reserved).toBe(3);
    expect(await reserveRows(sku)).toHaveLength(1);
  });

  it('repeats of a reference that is out of stock all answer OUT_OF_STOCK through withInventoryTx', async () => {
    // When the first attempt rolls back, the repeats queued on its ledger key may deadlock each
    // other; MariaDB breaks that by rolling one back, and withInventoryTx runs it again.
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 1 });
    const reference = ref('SO');
    const { ok, codes } = await tally(
      Array.from({ length: 10 }, () =>
        withInventoryTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 2 }], reference, actor: member })),
      ),
    );
    expect(ok).toBe(0);
    expect(codes).toEqual(Array(10).fill('OUT_OF_STOCK'));
    expect(await reserveRows(sku)).toHaveLength(0);
  });

  it('concurrent releases and commits of one reservation settle it exactly once', async () => {
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
    const reference = ref('SO');
    await inTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 4 }], reference, actor: member }));
    const settle = { storeId: S1, reference, actor: system };
    const tasks = Array.from({ length: 10 }, (_, i) => inTx(deps.db, (tx) => (i % 2 ? release(tx, settle) : commit(tx, settle))));
    const results = await Promise.allSettled(tasks);
    const applied = results.filter((r) => r.status === 'fulfilled' && r.value.applied);
    expect(applied).toHaveLength(1);
    const stock = await stockOf(deps.db, sku, S1);
    expect(stock.reserved).toBe(0);
    // Whichever won: released → stock back (later commits were refused); committed → sold.
    expect([10, 6]).toContain(stock.onHand);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(refused.every((code) => code === 'RESERVATION_RELEASED')).toBe(true);
  });

  it('concurrent adjustments and reservations never take on hand below reserved', async () => {
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 20 });
    const reserves = Array.from({ length: 30 }, () =>
      inTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: ref('SO'), actor: member })),
    );
    const adjustments = Array.from({ length: 30 }, () =>
      inTx(deps.db, (tx) => adjust(tx, { storeId: S1, skuId: sku, delta: -1, note: '损耗', reference: ref('ADJ'), actor: system })),
    );
    const [r, a] = await Promise.all([tally(reserves), tally(adjustments)]);
    expect(new Set(r.codes)).toEqual(new Set(r.codes.length ? ['OUT_OF_STOCK'] : []));
    expect(new Set(a.codes)).toEqual(new Set(a.codes.length ? ['STOCK_BELOW_RESERVED'] : []));
    const stock = await stockOf(deps.db, sku, S1);
    expect(stock).toMatchObject({ onHand: 20 - a.ok, reserved: r.ok });
    // Every unit ends up either held by an order or written off, never both and never lost.
    expect(r.ok + a.ok).toBe(20);
  });

  it('opposite transfers between two stores run in parallel without deadlock', async () => {
    const sku = ++nextSku;
    await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 40 });
    await stockUp(deps.db, { skuId: sku, storeId: S2, onHand: 40 });
    const tasks = Array.from({ length: 40 }, (_, i) =>
      inTx(deps.db, (tx) =>
        transfer(tx, { fromStoreId: i % 2 ? S1 : S2, toStoreId: i % 2 ? S2 : S1, skuId: sku, qty: 1, reference: ref('TR'), actor: system }),
      ),
    );
    expect((await tally(tasks)).codes).toEqual([]);
    expect((await stockOf(deps.db, sku, S1)).onHand).toBe(40);
    expect((await stockOf(deps.db, sku, S2)).onHand).toBe(40);
  });

  it('a multi-line cart and its reverse-ordered twin do not deadlock', async () => {
    const [a, b] = [++nextSku, ++nextSku];
    await stockUp(deps.db, { skuId: a, storeId: S1, onHand: 30 });
    await stockUp(deps.db, { skuId: b, storeId: S1, onHand: 30 });
    const tasks = Array.from({ length: 30 }, (_, i) => {
      const lines =
        i % 2
          ? [
              { skuId: a, qty: 1 },
              { skuId: b, qty: 1 },
            ]
          : [
              { skuId: b, qty: 1 },
              { skuId: a, qty: 1 },
            ];
      return inTx(deps.db, (tx) => reserve(tx, { storeId: S1, lines, reference: ref('SO'), actor: member }));
    });
    expect((await tally(tasks)).codes).toEqual([]);
    expect((await stockOf(deps.db, a, S1)).reserved).toBe(30);
    expect((await stockOf(deps.db, b, S1)).reserved).toBe(30);
  });
});
