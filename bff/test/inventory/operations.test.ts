import { sql } from 'drizzle-orm';
import { inventory } from '@shop/db';
import {
  adjust,
  checkLedger,
  commit,
  getStock,
  receive,
  release,
  reserve,
  restock,
  sellOffline,
  transfer,
} from '../../src/modules/inventory/service';
import { createTestDeps, type TestDeps } from '../support/deps';
import { codeOf, inTx, ledgerOf, ledgerRows, ref, setSafetyStock, stockOf, stockUp, system } from './helpers';

/**
 * The inventory operations one at a time, on SKU ids of their own (stock rows need no catalogue).
 * After every test the ledger must still sum to the stock of every (SKU, store).
 */
describe('inventory operations', () => {
  let deps: TestDeps;
  let nextSku = 10_000;
  const S1 = 1;
  const S2 = 2;
  const newSku = () => ++nextSku;
  const member = { type: 'member' as const, id: 42 };

  beforeAll(async () => {
    deps = await createTestDeps({ label: 'inv_ops' });
  });
  afterEach(async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
  });
  afterAll(async () => {
    await deps.close();
  });

  const run = <T>(fn: Parameters<typeof inTx<T>>[1]) => inTx(deps.db, fn);

  describe('reserve', () => {
    it('holds stock and writes one ledger row with the actor', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      const result = await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 3 }], reference, actor: member }));
      expect(result).toEqual({ applied: true, lines: [{ skuId: sku, qty: 3 }] });
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 10, reserved: 3, sellableOnline: 7, sellableAtTill: 7 });
      expect(await ledgerOf(deps.db, reference)).toEqual([
        expect.objectContaining({
          kind: 'reserve',
          skuId: sku,
          storeId: S1,
          onHandDelta: 0,
          reservedDelta: 3,
          actorType: 'member',
          actorId: 42,
        }),
      ]);
    });

    it('is idempotent per reference: a repeat changes nothing and says so', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      const input = { storeId: S1, lines: [{ skuId: sku, qty: 4 }], reference, actor: member };
      expect((await run((tx) => reserve(tx, input))).applied).toBe(true);
      expect(await run((tx) => reserve(tx, input))).toEqual({ applied: false, lines: [{ skuId: sku, qty: 4 }] });
      expect((await stockOf(deps.db, sku, S1)).reserved).toBe(4);
      expect(await ledgerOf(deps.db, reference)).toHaveLength(1);
    });

    it('refuses the same reference with other lines (409) and changes nothing', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 4 }], reference, actor: member }));
      expect(await codeOf(run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 5 }], reference, actor: member })))).toBe(
        'REFERENCE_REUSED',
      );
      expect((await stockOf(deps.db, sku, S1)).reserved).toBe(4);
    });

    it('treats a repeat with only some of the lines as a reused reference, not a replay', async () => {
      const [a, b] = [newSku(), newSku()];
      await stockUp(deps.db, { skuId: a, storeId: S1, onHand: 5 });
      await stockUp(deps.db, { skuId: b, storeId: S1, onHand: 5 });
      const reference = ref('SO');
      const both = [
        { skuId: a, qty: 1 },
        { skuId: b, qty: 1 },
      ];
      await run((tx) => reserve(tx, { storeId: S1, lines: both, reference, actor: member }));
      expect(await codeOf(run((tx) => reserve(tx, { storeId: S1, lines: [both[0]], reference, actor: member })))).toBe('REFERENCE_REUSED');
      expect((await run((tx) => reserve(tx, { storeId: S1, lines: [...both].reverse(), reference, actor: member }))).applied).toBe(false);
    });

    it('merges duplicate lines of one SKU into one movement', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      const lines = [
        { skuId: sku, qty: 2 },
        { skuId: sku, qty: 3 },
      ];
      expect((await run((tx) => reserve(tx, { storeId: S1, lines, reference, actor: member }))).lines).toEqual([{ skuId: sku, qty: 5 }]);
      expect(await ledgerOf(deps.db, reference)).toEqual([expect.objectContaining({ reservedDelta: 5 })]);
    });

    it('is all-or-nothing: one short line reserves nothing and leaves no ledger row', async () => {
      const [a, b, c] = [newSku(), newSku(), newSku()];
      await stockUp(deps.db, { skuId: a, storeId: S1, onHand: 10 });
      await stockUp(deps.db, { skuId: b, storeId: S1, onHand: 1 });
      await stockUp(deps.db, { skuId: c, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      const lines = [
        { skuId: c, qty: 2 },
        { skuId: a, qty: 5 },
        { skuId: b, qty: 2 },
      ];
      const error = await run((tx) => reserve(tx, { storeId: S1, lines, reference, actor: member })).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足', status: 422, details: { skuId: b, storeId: S1 } });
      for (const sku of [a, b, c]) expect((await stockOf(deps.db, sku, S1)).reserved).toBe(0);
      expect(await ledgerOf(deps.db, reference)).toEqual([]);
    });

    it('answers OUT_OF_STOCK for a SKU the store does not stock', async () => {
      expect(
        await codeOf(run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: newSku(), qty: 1 }], reference: ref(), actor: member }))),
      ).toBe('OUT_OF_STOCK');
    });

    it.each([[[{ skuId: 1, qty: 0 }]], [[{ skuId: 1, qty: -1 }]], [[{ skuId: 1, qty: 1.5 }]], [[{ skuId: 0, qty: 1 }]], [[]]])(
      'refuses bad lines %p with VALIDATION_FAILED',
      async (lines) => {
        expect(await codeOf(run((tx) => reserve(tx, { storeId: S1, lines, reference: ref(), actor: member })))).toBe('VALIDATION_FAILED');
      },
    );

    it('refuses a reference longer than the ledger column instead of truncating it', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 1 });
      expect(
        await codeOf(run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: 'x'.repeat(65), actor: member }))),
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('release and commit', () => {
    async function reserved(qty: number, onHand = 10) {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand });
      const reference = ref('SO');
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty }], reference, actor: member }));
      return { sku, reference, settle: { storeId: S1, reference, actor: system } };
    }

    it('release returns exactly what the reference holds, once', async () => {
      const { sku, settle, reference } = await reserved(4);
      expect(await run((tx) => release(tx, settle))).toEqual({ applied: true, lines: [{ skuId: sku, qty: 4 }] });
      expect((await run((tx) => release(tx, settle))).applied).toBe(false);
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 10, reserved: 0 });
      expect((await ledgerOf(deps.db, reference)).map((r) => [r.kind, r.reservedDelta])).toEqual(
        expect.arrayContaining([
          ['reserve', 4],
          ['release', -4],
        ]),
      );
    });

    it('release of every line of a multi-line reservation', async () => {
      const [a, b] = [newSku(), newSku()];
      await stockUp(deps.db, { skuId: a, storeId: S1, onHand: 5 });
      await stockUp(deps.db, { skuId: b, storeId: S1, onHand: 5 });
      const reference = ref('SO');
      const lines = [
        { skuId: b, qty: 1 },
        { skuId: a, qty: 2 },
      ];
      await run((tx) => reserve(tx, { storeId: S1, lines, reference, actor: member }));
      expect((await run((tx) => release(tx, { storeId: S1, reference, actor: system }))).lines).toEqual([
        { skuId: a, qty: 2 },
        { skuId: b, qty: 1 },
      ]);
      expect((await getStock(deps.db, { storeId: S1, skuIds: [a, b] })).map((s) => s.reserved)).toEqual([0, 0]);
    });

    it('commit turns the reservation into a sale, once', async () => {
      const { sku, settle } = await reserved(4);
      expect((await run((tx) => commit(tx, settle))).applied).toBe(true);
      expect((await run((tx) => commit(tx, settle))).applied).toBe(false);
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 6, reserved: 0 });
    });

    it('refuses commit after release (409 RESERVATION_RELEASED) and changes nothing', async () => {
      const { sku, settle } = await reserved(4);
      await run((tx) => release(tx, settle));
      expect(await codeOf(run((tx) => commit(tx, settle)))).toBe('RESERVATION_RELEASED');
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 10, reserved: 0 });
    });

    it('release after commit is a no-op: the goods are sold, nothing is held', async () => {
      const { sku, settle } = await reserved(4);
      await run((tx) => commit(tx, settle));
      expect(await run((tx) => release(tx, settle))).toEqual({ applied: false, lines: [] });
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 6, reserved: 0 });
    });

    it('release without a reservation does nothing; commit without one is a 409', async () => {
      const settle = { storeId: S1, reference: ref('NONE'), actor: system };
      expect(await run((tx) => release(tx, settle))).toEqual({ applied: false, lines: [] });
      expect(await codeOf(run((tx) => commit(tx, settle)))).toBe('RESERVATION_NOT_FOUND');
    });

    it('a reservation at one store is not released at another', async () => {
      const { sku, reference } = await reserved(2);
      expect((await run((tx) => release(tx, { storeId: S2, reference, actor: system }))).applied).toBe(false);
      expect((await stockOf(deps.db, sku, S1)).reserved).toBe(2);
    });
  });

  describe('safety stock: kept from online, usable at the till', () => {
    it('online cannot take the last `safety` units; the till can; neither takes what orders hold', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10, safetyStock: 3 });
      expect(
        await codeOf(run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 8 }], reference: ref(), actor: member }))),
      ).toBe('OUT_OF_STOCK');
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 7 }], reference: ref(), actor: member }));
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ sellableOnline: 0, sellableAtTill: 3 });

      await run((tx) =>
        sellOffline(tx, { storeId: S1, lines: [{ skuId: sku, qty: 3 }], reference: ref('POS'), actor: { type: 'staff', id: 1 } }),
      );
      expect(
        await codeOf(run((tx) => sellOffline(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: ref('POS'), actor: system }))),
      ).toBe('OUT_OF_STOCK');
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({
        onHand: 7,
        reserved: 7,
        safetyStock: 3,
        sellableOnline: 0,
        sellableAtTill: 0,
      });
    });

    it('a till sale is idempotent per sale number', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 5 });
      const input = { storeId: S1, lines: [{ skuId: sku, qty: 2 }], reference: ref('POS'), actor: system };
      expect((await run((tx) => sellOffline(tx, input))).applied).toBe(true);
      expect((await run((tx) => sellOffline(tx, input))).applied).toBe(false);
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(3);
    });
  });

  describe('receive, restock, adjust', () => {
    it('receive creates the stock row of a SKU the store never had, and is idempotent', async () => {
      const sku = newSku();
      const input = { storeId: S2, lines: [{ skuId: sku, qty: 12 }], reference: ref('GRN'), actor: system, note: '供应商到货' };
      expect((await run((tx) => receive(tx, input))).applied).toBe(true);
      expect((await run((tx) => receive(tx, input))).applied).toBe(false);
      expect(await stockOf(deps.db, sku, S2)).toMatchObject({ onHand: 12, reserved: 0, safetyStock: 0 });
      expect(await ledgerOf(deps.db, input.reference)).toEqual([
        expect.objectContaining({ kind: 'receive', onHandDelta: 12, note: '供应商到货' }),
      ]);
    });

    it('restock puts refunded goods back, once per refund', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 1 });
      const input = { storeId: S1, lines: [{ skuId: sku, qty: 2 }], reference: ref('RF'), actor: system };
      await run((tx) => restock(tx, input));
      await run((tx) => restock(tx, input));
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(3);
    });

    it('adjust never takes on hand below reserved or below zero', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 4 }], reference: ref(), actor: member }));
      const adj = (delta: number) =>
        run((tx) => adjust(tx, { storeId: S1, skuId: sku, delta, note: '盘点', reference: ref('ADJ'), actor: system }));
      expect(await codeOf(adj(-7))).toBe('STOCK_BELOW_RESERVED');
      await adj(-6);
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 4, reserved: 4 });
      expect(await codeOf(adj(-1))).toBe('STOCK_BELOW_RESERVED');
      await adj(+3);
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(7);
    });

    it('adjust of an unstocked SKU: up creates the row, down is refused', async () => {
      const sku = newSku();
      const adj = (delta: number) =>
        run((tx) => adjust(tx, { storeId: S1, skuId: sku, delta, note: '盘盈', reference: ref('ADJ'), actor: system }));
      expect(await codeOf(adj(-1))).toBe('STOCK_BELOW_RESERVED');
      await adj(2);
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(2);
    });

    it.each([
      [0, '盘点'],
      [1.5, '盘点'],
      [1, '   '],
    ])('refuses adjust by %p with note %p', async (delta, note) => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 5 });
      expect(await codeOf(run((tx) => adjust(tx, { storeId: S1, skuId: sku, delta, note, reference: ref('ADJ'), actor: system })))).toBe(
        'VALIDATION_FAILED',
      );
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(5);
    });
  });

  describe('transfer', () => {
    it('moves goods between stores, creating the target row, once per reference', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const input = { fromStoreId: S1, toStoreId: S2, skuId: sku, qty: 4, reference: ref('TR'), actor: system };
      expect((await run((tx) => transfer(tx, input))).applied).toBe(true);
      expect((await run((tx) => transfer(tx, input))).applied).toBe(false);
      expect((await stockOf(deps.db, sku, S1)).onHand).toBe(6);
      expect((await stockOf(deps.db, sku, S2)).onHand).toBe(4);
      expect((await ledgerOf(deps.db, input.reference)).map((r) => [r.kind, r.storeId, r.onHandDelta]).sort()).toEqual([
        ['transfer_in', S2, 4],
        ['transfer_out', S1, -4],
      ]);
    });

    it('may send the safety stock but not what orders hold; a refusal changes neither store', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10, safetyStock: 5 });
      await stockUp(deps.db, { skuId: sku, storeId: S2, onHand: 1 });
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 4 }], reference: ref(), actor: member }));
      const move = (qty: number) =>
        run((tx) => transfer(tx, { fromStoreId: S1, toStoreId: S2, skuId: sku, qty, reference: ref('TR'), actor: system }));
      expect(await codeOf(move(7))).toBe('OUT_OF_STOCK');
      expect((await stockOf(deps.db, sku, S2)).onHand).toBe(1);
      await move(6);
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 4, reserved: 4 });
      expect((await stockOf(deps.db, sku, S2)).onHand).toBe(7);
    });

    it('refuses a transfer to the same store', async () => {
      expect(
        await codeOf(
          run((tx) => transfer(tx, { fromStoreId: S1, toStoreId: S1, skuId: newSku(), qty: 1, reference: ref('TR'), actor: system })),
        ),
      ).toBe('VALIDATION_FAILED');
    });
  });

  describe('invariants', () => {
    it('getStock answers zeros for SKUs the store does not have', async () => {
      const sku = newSku();
      expect(await getStock(deps.db, { storeId: S1, skuIds: [sku, sku] })).toEqual([
        { skuId: sku, onHand: 0, reserved: 0, safetyStock: 0, sellableOnline: 0, sellableAtTill: 0 },
      ]);
    });

    it('checkLedger reports a stock row the ledger does not explain', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 3 });
      const bump = (by: number) =>
        deps.db
          .update(inventory)
          .set({ onHand: sql`${inventory.onHand} + ${by}` })
          .where(sql`${inventory.skuId} = ${sku}`);
      await bump(1);
      expect(await checkLedger(deps.db)).toEqual([{ skuId: sku, storeId: S1, onHand: 4, reserved: 0, ledgerOnHand: 3, ledgerReserved: 0 }]);
      await bump(-1);
    });

    it('the database CHECKs refuse negative stock and reserved > on hand even without the guards', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 2 });
      const where = sql`${inventory.skuId} = ${sku}`;
      await expect(deps.db.update(inventory).set({ reserved: 3 }).where(where)).rejects.toThrow();
      await expect(deps.db.update(inventory).set({ onHand: -1 }).where(where)).rejects.toThrow();
      await expect(setSafetyStock(deps.db, sku, S1, -1)).rejects.toThrow();
      expect(await stockOf(deps.db, sku, S1)).toMatchObject({ onHand: 2, reserved: 0 });
    });

    it('every movement wrote exactly one ledger row per (SKU, store) it touched', async () => {
      const sku = newSku();
      await stockUp(deps.db, { skuId: sku, storeId: S1, onHand: 10 });
      const reference = ref('SO');
      await run((tx) => reserve(tx, { storeId: S1, lines: [{ skuId: sku, qty: 2 }], reference, actor: member }));
      await run((tx) => commit(tx, { storeId: S1, reference, actor: system }));
      await run((tx) => sellOffline(tx, { storeId: S1, lines: [{ skuId: sku, qty: 1 }], reference: ref('POS'), actor: system }));
      const rows = await ledgerRows(deps.db, sku, S1);
      expect(rows.map((r) => r.kind).sort()).toEqual(['commit', 'offline_sale', 'receive', 'reserve']);
      expect(rows.reduce((sum, r) => sum + r.onHandDelta, 0)).toBe((await stockOf(deps.db, sku, S1)).onHand);
    });
  });
});
