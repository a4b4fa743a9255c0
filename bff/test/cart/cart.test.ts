import { and, eq, gt } from 'drizzle-orm';
import { inventory, products, skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('server-side cart', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'cart', wechat: sandbox.wechat });
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
  /** A SKU with plenty of online stock at store 1. */
  async function stockedSku(minSellable = 5) {
    const [row] = await deps.db
      .select({ skuId: inventory.skuId, onHand: inventory.onHand })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(inventory.storeId, 1), gt(inventory.onHand, minSellable + 5), eq(products.status, 'on_sale')))
      .limit(1);
    return row.skuId;
  }

  it('needs a session', async () => {
    expect((await request(server).get('/api/cart')).status).toBe(401);
  });

  it('adds, merges, changes, selects and removes lines; prices come from the SKU', async () => {
    const auth = await signIn('o-cart-1');
    const skuId = await stockedSku();
    const [sku] = await deps.db.select().from(skus).where(eq(skus.id, skuId));
    expect((await request(server).get('/api/cart').set(auth)).body).toEqual({
      items: [],
      selectedQty: 0,
      selectedAmountFen: 0,
      promotionHint: null,
    });

    await request(server).post('/api/cart/items').set(auth).send({ skuId, qty: 1 });
    const merged = await request(server).post('/api/cart/items').set(auth).send({ skuId, qty: 2, priceFen: 1 });
    expect(merged.status).toBe(200);
    expect(merged.body.items).toHaveLength(1);
    expect(merged.body.items[0]).toMatchObject({ skuId, qty: 3, priceFen: sku.priceFen, state: 'ok', selected: true });
    expect(merged.body.selectedAmountFen).toBe(3 * sku.priceFen);

    const deselected = await request(server).patch(`/api/cart/items/${skuId}`).set(auth).send({ selected: false });
    expect(deselected.body).toMatchObject({ selectedQty: 0, selectedAmountFen: 0 });
    const changed = await request(server).patch(`/api/cart/items/${skuId}`).set(auth).send({ qty: 5, selected: true });
    expect(changed.body.items[0].qty).toBe(5);

    const removed = await request(server).delete(`/api/cart/items/${skuId}`).set(auth);
    expect(removed.body.items).toEqual([]);
  });

  it('marks lines that cannot be bought as they are, at the chosen store', async () => {
    const auth = await signIn('o-cart-2');
    const [zero] = await deps.db.select().from(inventory).where(eq(inventory.onHand, 0)).limit(1);
    const [elsewhere] = await deps.db
      .select()
      .from(inventory)
      .where(and(eq(inventory.skuId, zero.skuId), gt(inventory.onHand, 3)))
      .limit(1);
    expect(elsewhere).toBeDefined(); // the demo seed has stock elsewhere for its zero rows
    await request(server).post('/api/cart/items').set(auth).send({ skuId: zero.skuId, qty: 1 });
    const atEmptyStore = await request(server).get('/api/cart').query({ storeId: zero.storeId }).set(auth);
    expect(atEmptyStore.body.items[0]).toMatchObject({ state: 'out_of_stock', sellable: 0 });
    expect(atEmptyStore.body.selectedQty).toBe(0);
    const sellable = elsewhere.onHand - elsewhere.reserved - elsewhere.safetyStock;
    await request(server)
      .patch(`/api/cart/items/${zero.skuId}`)
      .set(auth)
      .send({ qty: Math.min(99, sellable + 1) });
    const atStocked = await request(server).get('/api/cart').query({ storeId: elsewhere.storeId }).set(auth);
    expect(atStocked.body.items[0].state).toBe(sellable + 1 <= 99 ? 'insufficient' : 'ok');

    const skuId = await stockedSku();
    const [sku] = await deps.db.select().from(skus).where(eq(skus.id, skuId));
    await request(server).post('/api/cart/items').set(auth).send({ skuId, qty: 1 });
    await deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, sku.productId));
    const cart = await request(server).get('/api/cart').set(auth);
    expect(cart.body.items.find((i: { skuId: number }) => i.skuId === skuId).state).toBe('off_shelf');
    await deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, sku.productId));
  });

  it.each([
    [{ skuId: 999999, qty: 1 }, 404, 'SKU_NOT_FOUND'],
    [{ skuId: 1, qty: 0 }, 400, 'VALIDATION_FAILED'],
    [{ skuId: 1, qty: 100 }, 400, 'VALIDATION_FAILED'],
    [{ skuId: 'x' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %p with %i %s and changes nothing', async (body, status, code) => {
    const auth = await signIn('o-cart-3');
    const res = await request(server).post('/api/cart/items').set(auth).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect((await request(server).get('/api/cart').set(auth)).body.items).toEqual([]);
  });

  it('caps a line at 99 even when adds race', async () => {
    const auth = await signIn('o-cart-4');
    const skuId = await stockedSku();
    const results = await Promise.all(
      Array.from({ length: 12 }, () => request(server).post('/api/cart/items').set(auth).send({ skuId, qty: 10 })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'CART_LINE_LIMIT')).toBe(true);
    expect((await request(server).get('/api/cart').set(auth)).body.items[0].qty).toBe(90);
  });

  it('keeps carts apart: one member cannot change another’s lines', async () => {
    const alice = await signIn('o-cart-alice');
    const bob = await signIn('o-cart-bob');
    const skuId = await stockedSku();
    await request(server).post('/api/cart/items').set(alice).send({ skuId, qty: 2 });
    expect((await request(server).patch(`/api/cart/items/${skuId}`).set(bob).send({ qty: 9 })).status).toBe(404);
    expect((await request(server).get('/api/cart').set(alice)).body.items[0].qty).toBe(2);
  });

  it('nudges toward the running 满减 (满199减20 满399减50) from the selected lines, and on the product page', async () => {
    const auth = await signIn('o-cart-nudge');
    const skuId = await stockedSku();
    const [sku] = await deps.db.select().from(skus).where(eq(skus.id, skuId));
    const cart = (await request(server).post('/api/cart/items').set(auth).send({ skuId, qty: 1 })).body;
    const amount = sku.priceFen;
    const next = [19900, 39900].find((threshold) => threshold > amount);
    if (next) expect(cart.promotionHint).toMatchObject({ reached: false, missingFen: next - amount, offFen: next === 19900 ? 2000 : 5000 });
    else expect(cart.promotionHint).toMatchObject({ reached: true, text: '已满399减50' });

    // On the product page the nudge counts what is already selected plus one more of this SKU.
    const other = await stockedSku(50);
    const page = (await request(server).get(`/api/cart/nudge?skuId=${other}`).set(auth)).body;
    expect(page.promotions).toEqual([expect.objectContaining({ label: '满199减20，满399减50' })]);
    const [otherSku] = await deps.db.select().from(skus).where(eq(skus.id, other));
    const together = amount + (other === skuId ? 0 : otherSku.priceFen);
    const reachable = [19900, 39900].find((threshold) => threshold > together);
    expect(page.hint.missingFen).toBe(reachable ? reachable - together : 0);
    const anonymous = (await request(server).get(`/api/cart/nudge?skuId=${other}`)).body;
    const alone = [19900, 39900].find((threshold) => threshold > otherSku.priceFen);
    expect(anonymous.hint.missingFen).toBe(alone ? alone - otherSku.priceFen : 0);
  });
});
