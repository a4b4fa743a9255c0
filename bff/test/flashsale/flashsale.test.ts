import { and, eq } from 'drizzle-orm';
import { flashSales, members, orders, skus } from '@shop/db';
import request from 'supertest';
import { createSession } from '../../src/http/sessions';
import { cancelByCustomer } from '../../src/modules/checkout/close';
import { receive, withInventoryTx } from '../../src/modules/inventory/service';
import { createOrder, newKey, pickup, signIn, startHarness, stockedSku, stockRow, type Customer, type Harness } from '../groupbuy/harness';

/** Runs `tasks` with at most `width` in flight: real parallel requests without exhausting sockets. */
async function inParallel<T>(tasks: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

// Thousands of real requests per test: allow for a loaded CI machine.
jest.setTimeout(90_000);

describe('flash sales (秒杀)', () => {
  let h: Harness;
  const taken = new Set<number>();
  /** Every database round trip of the BFF's pool (mysql2 emits `acquire` per query). */
  let dbRoundTrips = 0;

  beforeAll(async () => {
    h = await startHarness('flash');
    h.deps.database.pool.on('acquire', () => {
      dbRoundTrips += 1;
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Many customers at once: members and real sessions written directly (logging 1,000 people in through WeChat would only slow the test). */
  async function crowd(prefix: string, n: number): Promise<Customer[]> {
    const openids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    await h.deps.db.insert(members).values(openids.map((openid) => ({ openid })));
    const rows = await h.deps.db.select({ id: members.id, openid: members.openid }).from(members);
    const byOpenid = new Map(rows.map((r) => [r.openid, r.id]));
    return Promise.all(
      openids.map(async (openid) => {
        const memberId = byOpenid.get(openid)!;
        const token = await createSession(h.deps.redis, memberId, 3600, h.deps.config.sessionKeyPrefix);
        return { auth: { Authorization: `Bearer ${token}` }, memberId, openid };
      }),
    );
  }

  async function createSale(options: Partial<typeof flashSales.$inferInsert> = {}) {
    const skuId = await stockedSku(h, taken);
    const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, skuId));
    const now = h.clock.now();
    await withInventoryTx(h.deps.db, (tx) =>
      receive(tx, { storeId: 1, lines: [{ skuId, qty: 300 }], reference: `test-${skuId}`, actor: { type: 'system' }, at: now }),
    );
    const [inserted] = await h.deps.db.insert(flashSales).values({
      code: `FS-${Math.random().toString(36).slice(2, 10)}`,
      title: '测试秒杀',
      productId: sku.productId,
      skuId,
      priceFen: 990,
      startsAt: new Date(now.getTime() - 60_000),
      endsAt: new Date(now.getTime() + 3600_000),
      allocatedStock: 100,
      perUserLimit: 1,
      ...options,
    });
    return (await h.deps.db.select().from(flashSales).where(eq(flashSales.id, inserted.insertId)))[0];
  }

  const buy = (sale: { id: number; skuId: number }, customer: Customer, key = newKey()) =>
    createOrder(
      h,
      customer,
      { items: [{ skuId: sale.skuId, qty: 1 }], fulfillment: pickup, activity: { type: 'flash', flashSaleId: sale.id } },
      key,
    );
  const ordersOf = (saleId: number) =>
    h.deps.db
      .select()
      .from(orders)
      .where(and(eq(orders.activityType, 'flash'), eq(orders.activityId, saleId)));
  const saleRow = async (id: number) => (await h.deps.db.select().from(flashSales).where(eq(flashSales.id, id)))[0];

  it('sells exactly 100 units to 2,000 parallel attempts (1,000 customers, two taps each), one per customer', async () => {
    const sale = await createSale();
    const people = await crowd('fs-rush', 1000);
    const attempts = people.flatMap((c) => [() => buy(sale, c), () => buy(sale, c)]);
    const responses = await inParallel(attempts, 200);

    const won = responses.filter((r) => r.status === 201);
    expect(won).toHaveLength(100);
    const codes = new Set(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`));
    expect([...codes].every((c) => c === '422 FLASH_SOLD_OUT' || c === '422 FLASH_LIMIT')).toBe(true);
    const sold = await ordersOf(sale.id);
    expect(sold).toHaveLength(100);
    expect(new Set(sold.map((o) => o.memberId)).size).toBe(100);
    expect(sold.every((o) => o.payableFen === 990)).toBe(true);
    expect((await saleRow(sale.id)).soldCount).toBe(100);
    expect((await stockRow(h, sale.skuId)).reserved).toBe(100);
  });

  it('answers attempts after the sell-out from Redis alone: not one MariaDB round trip', async () => {
    const sale = await createSale({ allocatedStock: 5 });
    const people = await crowd('fs-late', 300);
    await inParallel(
      people.slice(0, 20).map((c) => () => buy(sale, c)),
      20,
    );
    expect((await saleRow(sale.id)).soldCount).toBe(5);

    const before = dbRoundTrips;
    const late = await inParallel(
      people.slice(20).map((c) => () => buy(sale, c)),
      100,
    );
    expect(dbRoundTrips - before).toBe(0);
    expect(late.every((r) => r.status === 422 && r.body.code === 'FLASH_SOLD_OUT' && r.body.message === '手慢了，已经抢光啦')).toBe(true);
  });

  it('never sells more than the database allows when the gate is lost mid-sale (Redis flushed)', async () => {
    const sale = await createSale();
    const people = await crowd('fs-flush', 600);
    const first = inParallel(
      people.slice(0, 300).map((c) => () => buy(sale, c)),
      100,
    );
    // Mid-sale, every key of the sale's gate vanishes (a restart without persistence, a flush).
    await new Promise((resolve) => setTimeout(resolve, 150));
    for await (const keys of h.deps.redis.scanIterator({ MATCH: `flash:{${sale.id}}:*`, COUNT: 100 })) {
      if (keys.length) await h.deps.redis.del(keys);
    }
    const second = await inParallel(
      people.slice(300).map((c) => () => buy(sale, c)),
      100,
    );
    const all = [...(await first), ...second];

    expect(all.filter((r) => r.status === 201)).toHaveLength(100);
    expect(await ordersOf(sale.id)).toHaveLength(100);
    expect((await saleRow(sale.id)).soldCount).toBe(100);
    // The rebuilt gate agrees with the database.
    expect(Number(await h.deps.redis.get(`flash:{${sale.id}}:stock`))).toBe(0);
  });

  it('gives a cancelled order’s unit back to the gate, and its buyer may try again', async () => {
    const sale = await createSale({ allocatedStock: 2 });
    const [a, b, c] = await crowd('fs-cancel', 3);
    const firstKey = newKey();
    const first = await buy(sale, a, firstKey);
    expect((await buy(sale, b)).status).toBe(201);
    expect((await buy(sale, c)).body.code).toBe('FLASH_SOLD_OUT');

    expect(await cancelByCustomer(h.deps, a.memberId, first.body.order.id)).toBe('cancelled');
    expect((await saleRow(sale.id)).soldCount).toBe(1);
    expect(Number(await h.deps.redis.get(`flash:{${sale.id}}:stock`))).toBe(1);
    // Retrying the cancelled order's key answers with that order and holds nothing.
    const replay = await buy(sale, a, firstKey);
    expect(replay.body.order).toMatchObject({ id: first.body.order.id, status: 'cancelled' });
    expect(Number(await h.deps.redis.get(`flash:{${sale.id}}:stock`))).toBe(1);
    expect((await buy(sale, c)).status).toBe(201);
    expect((await buy(sale, a)).body.code).toBe('FLASH_SOLD_OUT');
  });

  it('returns the same order to a retry with the same Idempotency-Key, and refuses a second purchase', async () => {
    const sale = await createSale();
    const [buyer] = await crowd('fs-retry', 1);
    const key = newKey();
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => buy(sale, buyer, key)));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.order.id)).size).toBe(1);
    const again = await buy(sale, buyer);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ code: 'FLASH_LIMIT', message: '每人限购 1 件，你已抢购过了' });
    expect(await ordersOf(sale.id)).toHaveLength(1);
  });

  it('opens early only for gold members, and shows the flash price in the quote', async () => {
    const now = h.clock.now();
    const sale = await createSale({ startsAt: new Date(now.getTime() + 5 * 60_000) });
    const regular = await signIn(h, 'fs-regular');
    const gold = await signIn(h, 'fs-gold');
    await h.deps.db.update(members).set({ tierCode: 'gold' }).where(eq(members.id, gold.memberId));

    const body = { items: [{ skuId: sale.skuId, qty: 1 }], fulfillment: pickup, activity: { type: 'flash', flashSaleId: sale.id } };
    const refused = await buy(sale, regular);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'FLASH_NOT_STARTED', message: '秒杀尚未开始，请稍后再来' });
    expect((await request(h.base).post('/api/checkout/quote').set(regular.auth).send(body)).body.code).toBe('FLASH_NOT_STARTED');

    const quote = await request(h.base).post('/api/checkout/quote').set(gold.auth).send(body);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ payableFen: 990, memberDiscountFen: 0, lines: [{ activityPriceFen: 990 }] });
    expect((await buy(sale, gold)).status).toBe(201);
  });

  it('refuses a SKU that is not the sale’s, and ended sales, without writing anything', async () => {
    const sale = await createSale();
    const ended = await createSale({ startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) });
    const buyer = await signIn(h, 'fs-wrong');
    const wrong = await createOrder(h, buyer, {
      items: [{ skuId: ended.skuId, qty: 1 }],
      fulfillment: pickup,
      activity: { type: 'flash', flashSaleId: sale.id },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('ACTIVITY_ITEMS_MISMATCH');
    expect((await buy(ended, buyer)).body.code).toBe('FLASH_ENDED');
    expect(await ordersOf(sale.id)).toHaveLength(0);
    expect((await saleRow(sale.id)).soldCount).toBe(0);
  });
});
