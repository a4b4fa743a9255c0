import { and, eq, gt, notInArray } from 'drizzle-orm';
import { inventory, products, skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

/** 管理 mode's batch delete, the 失效商品 group and the exact 满减 hint of the cart page. */
describe('cart management', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'cart-manage', wechat: sandbox.wechat });
    await seedDemo(deps.db);
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  async function signIn(openid: string) {
    const code = await sandbox.loginCode(openid);
    const { token } = (await request(server).post('/api/auth/login').send({ code })).body;
    return { Authorization: `Bearer ${token}` };
  }
  /** Distinct on-sale SKUs with plenty of stock at store 1, one per product. */
  async function stockedSkus(n: number) {
    const rows = await deps.db
      .select({ skuId: inventory.skuId, productId: skus.productId, priceFen: skus.priceFen })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(inventory.storeId, 1), gt(inventory.onHand, 20), eq(products.status, 'on_sale'), eq(skus.status, 'active')));
    const perProduct = [...new Map(rows.map((r) => [r.productId, r])).values()];
    return perProduct.slice(0, n);
  }
  const skuIdsOf = (body: { items: { skuId: number }[] }) => body.items.map((item) => item.skuId).sort((a, b) => a - b);

  it('deletes the chosen lines at once, again without error, and only the caller’s', async () => {
    const alice = await signIn('o-manage-alice');
    const bob = await signIn('o-manage-bob');
    const [a, b, c] = await stockedSkus(3);
    for (const line of [a, b, c]) await request(server).post('/api/cart/items').set(alice).send({ skuId: line.skuId, qty: 1 });
    await request(server).post('/api/cart/items').set(bob).send({ skuId: a.skuId, qty: 1 });

    const removed = await request(server)
      .post('/api/cart/items/remove')
      .set(alice)
      .send({ skuIds: [a.skuId, b.skuId] });
    expect(removed.status).toBe(200);
    expect(skuIdsOf(removed.body)).toEqual([c.skuId]);
    expect(removed.body.selectedAmountFen).toBe(c.priceFen);

    // The same request again (a retried tap) and one naming a line that was never there: no error.
    const again = await request(server)
      .post('/api/cart/items/remove')
      .set(alice)
      .send({ skuIds: [a.skuId, b.skuId, 99999999] });
    expect(again.status).toBe(200);
    expect(skuIdsOf(again.body)).toEqual([c.skuId]);

    expect(skuIdsOf((await request(server).get('/api/cart').set(bob)).body)).toEqual([a.skuId]);
  });

  it.each([
    [{ skuIds: [] }, '请选择要删除的商品'],
    [{ skuIds: ['x'] }, undefined],
    [{}, undefined],
  ])('refuses %p with 400 and deletes nothing', async (body, message) => {
    const auth = await signIn('o-manage-bad');
    const [line] = await stockedSkus(1);
    await request(server).post('/api/cart/items').set(auth).send({ skuId: line.skuId, qty: 1 });
    const res = await request(server).post('/api/cart/items/remove').set(auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    if (message) expect(res.body.message).toContain(message);
    expect(skuIdsOf((await request(server).get('/api/cart').set(auth)).body)).toEqual([line.skuId]);
  });

  it('needs a session', async () => {
    expect(
      (
        await request(server)
          .post('/api/cart/items/remove')
          .send({ skuIds: [1] })
      ).status,
    ).toBe(401);
  });

  it('marks 失效 the lines that cannot be bought anywhere: off sale, or no stock at any open store', async () => {
    const auth = await signIn('o-manage-invalid');
    const [onSale, offSale, soldOutEverywhere] = await stockedSkus(3);
    for (const line of [onSale, offSale, soldOutEverywhere]) {
      await request(server).post('/api/cart/items').set(auth).send({ skuId: line.skuId, qty: 1 });
    }
    // Sold out only at the chosen store: not 失效, another store has it (the demo seed has such rows).
    const used = [onSale, offSale, soldOutEverywhere].map((line) => line.productId);
    const zeroRows = await deps.db
      .select({ skuId: inventory.skuId, storeId: inventory.storeId, productId: skus.productId })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(inventory.onHand, 0), eq(products.status, 'on_sale'), notInArray(skus.productId, used)));
    let zeroHere: (typeof zeroRows)[number] | undefined;
    for (const row of zeroRows) {
      const [other] = await deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.skuId, row.skuId), gt(inventory.onHand, 5)))
        .limit(1);
      if (other) {
        zeroHere = row;
        break;
      }
    }
    if (!zeroHere) throw new Error('the demo seed has no SKU sold out at one store and stocked at another');
    await request(server).post('/api/cart/items').set(auth).send({ skuId: zeroHere.skuId, qty: 1 });

    const saved = await deps.db.select().from(inventory).where(eq(inventory.skuId, soldOutEverywhere.skuId));
    await deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, offSale.productId));
    await deps.db.update(inventory).set({ onHand: 0 }).where(eq(inventory.skuId, soldOutEverywhere.skuId));
    try {
      const byStore = async (storeId?: number) => {
        const res = await request(server)
          .get('/api/cart')
          .query(storeId ? { storeId } : {})
          .set(auth);
        expect(res.status).toBe(200);
        return new Map(res.body.items.map((item: { skuId: number; state: string; invalid: boolean }) => [item.skuId, item]));
      };
      const here = await byStore(zeroHere.storeId);
      expect(here.get(offSale.skuId)).toMatchObject({ state: 'off_shelf', invalid: true });
      expect(here.get(soldOutEverywhere.skuId)).toMatchObject({ state: 'out_of_stock', invalid: true });
      expect(here.get(zeroHere.skuId)).toMatchObject({ state: 'out_of_stock', invalid: false });

      const anywhere = await byStore();
      expect(anywhere.get(onSale.skuId)).toMatchObject({ state: 'ok', invalid: false });
      expect(anywhere.get(zeroHere.skuId)).toMatchObject({ invalid: false });
      expect(anywhere.get(soldOutEverywhere.skuId)).toMatchObject({ state: 'out_of_stock', invalid: true });

      // 清空失效商品 is the batch delete of the 失效 lines.
      const cleared = await request(server)
        .post('/api/cart/items/remove')
        .set(auth)
        .send({ skuIds: [offSale.skuId, soldOutEverywhere.skuId] });
      expect(cleared.body.items.some((item: { invalid: boolean }) => item.invalid)).toBe(false);
    } finally {
      await deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, offSale.productId));
      for (const row of saved) {
        await deps.db
          .update(inventory)
          .set({ onHand: row.onHand })
          .where(and(eq(inventory.skuId, row.skuId), eq(inventory.storeId, row.storeId)));
      }
    }
  });

  it('states the 满减 hint in yuan from the selected lines the server priced (满199减20, 满399减50)', async () => {
    const auth = await signIn('o-manage-hint');
    const lines = (await stockedSkus(20)).filter((line) => line.priceFen < 19900);
    const [first] = lines;
    let cart = (await request(server).post('/api/cart/items').set(auth).send({ skuId: first.skuId, qty: 1 })).body;
    const missing = 19900 - first.priceFen;
    expect(cart.promotionHint).toEqual({
      promotionId: expect.any(Number),
      text: `再买¥${(missing / 100).toFixed(2)}可减¥20`,
      missingFen: missing,
      offFen: 2000,
      reached: false,
    });

    // Enough of it to pass 199 but not 399: the next tier is 满399减50.
    const qty = Math.ceil(19900 / first.priceFen);
    cart = (await request(server).patch(`/api/cart/items/${first.skuId}`).set(auth).send({ qty })).body;
    const subtotal = qty * first.priceFen;
    if (subtotal < 39900) {
      expect(cart.promotionHint).toMatchObject({
        text: `再买¥${((39900 - subtotal) / 100).toFixed(2)}可减¥50`,
        missingFen: 39900 - subtotal,
        offFen: 5000,
      });
    } else {
      expect(cart.promotionHint).toMatchObject({ text: '已满399减50', reached: true, missingFen: 0 });
    }

    // An unticked line does not count toward the hint.
    cart = (await request(server).patch(`/api/cart/items/${first.skuId}`).set(auth).send({ selected: false })).body;
    expect(cart.promotionHint).toBeNull();
  });
});
