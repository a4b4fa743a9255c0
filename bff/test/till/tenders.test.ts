import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { inventory, orderEvents, orders, payments, products, skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { adjust, getStock } from '../../src/modules/inventory/service';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Auth = { Authorization: string };
type Account = { auth: Auth; memberId: number; storeId: number | null };

/**
 * The till's tenders (现金 / 微信 / 支付宝 / 银行卡): each is the sale's payment method and the
 * receipt's, and GET /api/staff/sales/summary splits the store's day by them.
 */
describe('till tenders and the day by tender', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  // 10:00 in Shanghai on a Sunday.
  const clock = testClock(new Date('2026-11-22T02:00:00.000Z'));
  let clerk: Account;
  let otherClerk: Account;
  let admin: Account;
  let home: number;
  let sku: { id: number; priceFen: number };

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'till-tenders', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
    clerk = await loginAs('demo-clerk-1');
    otherClerk = await loginAs('demo-clerk-2');
    admin = await loginAs('demo-admin');
    home = clerk.storeId!;
    const [row] = await deps.db
      .select({ id: skus.id, priceFen: skus.priceFen })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(products.status, 'on_sale'), eq(skus.status, 'active')))
      .orderBy(asc(skus.priceFen))
      .limit(1);
    sku = row;
    for (const storeId of [home, otherClerk.storeId!]) {
      await deps.db
        .insert(inventory)
        .values({ skuId: sku.id, storeId, safetyStock: 0 })
        .onDuplicateKeyUpdate({ set: { safetyStock: 0 } });
      const [stock] = await getStock(deps.db, { storeId, skuIds: [sku.id] });
      await deps.db.transaction((tx) =>
        adjust(tx, {
          storeId,
          skuId: sku.id,
          delta: 500 - stock.onHand,
          note: 'tender test',
          reference: `tender-test-${storeId}`,
          actor: { type: 'system' },
        }),
      );
    }
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  async function loginAs(openid: string): Promise<Account> {
    const res = await request(server)
      .post('/api/auth/login')
      .send({ code: await sandbox.loginCode(openid) });
    expect(res.status).toBe(200);
    return {
      auth: { Authorization: `Bearer ${res.body.token}` },
      memberId: res.body.user.id,
      storeId: res.body.user.staff?.storeId ?? null,
    };
  }

  const sell = (who: Account, body: object) =>
    request(server).post('/api/staff/sales').set(who.auth).set('Idempotency-Key', randomUUID()).send(body);
  const summary = (who: Account, query: object = {}) => request(server).get('/api/staff/sales/summary').set(who.auth).query(query);

  it('records each tender on the payment, the receipt and the timeline', async () => {
    for (const payMethod of ['offline_cash', 'offline_wechat', 'offline_alipay', 'offline_card'] as const) {
      const res = await sell(clerk, { items: [{ skuId: sku.id, qty: 1 }], payMethod });
      expect(res.status).toBe(201);
      expect(res.body.sale.payMethod).toBe(payMethod);
      const [payment] = await deps.db.select().from(payments).where(eq(payments.orderId, res.body.sale.id));
      expect(payment).toMatchObject({ method: payMethod, status: 'paid', amountFen: res.body.sale.payableFen });
      const [event] = await deps.db.select().from(orderEvents).where(eq(orderEvents.orderId, res.body.sale.id)).limit(1);
      expect(event.detail).toMatchObject({ payMethod });
    }
  });

  it('refuses a tender the till does not take (400) and writes nothing', async () => {
    const before = await deps.db.select({ id: orders.id }).from(orders);
    for (const payMethod of ['wechat', 'offline_credit', '', 1]) {
      const res = await sell(clerk, { items: [{ skuId: sku.id, qty: 1 }], payMethod });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await deps.db.select({ id: orders.id }).from(orders)).toHaveLength(before.length);
  });

  it("splits today's till takings by tender, for the clerk's own store only", async () => {
    const start = (await summary(clerk)).body;
    const sold: Record<string, { sales: number; fen: number }> = {};
    const plan = [
      ['offline_cash', 2],
      ['offline_alipay', 1],
      ['offline_card', 3],
      ['offline_alipay', 2],
    ] as const;
    for (const [payMethod, qty] of plan) {
      const res = await sell(clerk, { items: [{ skuId: sku.id, qty }], payMethod });
      expect(res.status).toBe(201);
      sold[payMethod] ??= { sales: 0, fen: 0 };
      sold[payMethod].sales += 1;
      sold[payMethod].fen += res.body.sale.payableFen;
    }
    // Another store's sale is not this store's money.
    const elsewhere = await sell(admin, { items: [{ skuId: sku.id, qty: 1 }], payMethod: 'offline_card', storeId: otherClerk.storeId });
    expect(elsewhere.status).toBe(201);

    const res = await summary(clerk);
    expect(res.status).toBe(200);
    expect(res.body.storeId).toBe(home);
    expect(res.body.tenders.map((t: { tender: string }) => t.tender)).toEqual([
      'offline_cash',
      'offline_wechat',
      'offline_alipay',
      'offline_card',
    ]);
    for (const row of res.body.tenders as { tender: string; sales: number; amountFen: number }[]) {
      const was = start.tenders.find((t: { tender: string }) => t.tender === row.tender);
      expect(row.sales - was.sales).toBe(sold[row.tender]?.sales ?? 0);
      expect(row.amountFen - was.amountFen).toBe(sold[row.tender]?.fen ?? 0);
    }
    const addedFen = Object.values(sold).reduce((sum, s) => sum + s.fen, 0);
    expect(res.body.totalFen - start.totalFen).toBe(addedFen);
    expect(res.body.sales - start.sales).toBe(plan.length);
    expect(res.body.totalFen).toBe(res.body.tenders.reduce((sum: number, t: { amountFen: number }) => sum + t.amountFen, 0));

    // Head office names the store; a clerk may not look at another store's drawer.
    const asAdmin = await summary(admin, { storeId: home });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.totalFen).toBe(res.body.totalFen);
    expect((await summary(admin)).status).toBe(400);
    expect((await summary(clerk, { storeId: otherClerk.storeId })).status).toBe(403);
    expect((await request(server).get('/api/staff/sales/summary')).status).toBe(401);
  });

  it('starts a new day at midnight in Shanghai', async () => {
    const today = (await summary(clerk)).body;
    expect(today.sales).toBeGreaterThan(0);
    // 23:59 Shanghai the same day: still today's.
    clock.set(new Date('2026-11-22T15:59:00.000Z'));
    expect((await summary(clerk)).body.totalFen).toBe(today.totalFen);
    // 00:01 the next day: nothing yet.
    clock.set(new Date('2026-11-22T16:01:00.000Z'));
    const tomorrow = (await summary(clerk)).body;
    expect(tomorrow).toMatchObject({ sales: 0, totalFen: 0, date: '2026-11-22T16:00:00.000Z' });
    const res = await sell(clerk, { items: [{ skuId: sku.id, qty: 1 }], payMethod: 'offline_wechat' });
    expect(res.status).toBe(201);
    const after = (await summary(clerk)).body;
    expect(after.tenders.find((t: { tender: string }) => t.tender === 'offline_wechat')).toEqual({
      tender: 'offline_wechat',
      sales: 1,
      amountFen: res.body.sale.payableFen,
    });
  });
});
