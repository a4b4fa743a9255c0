import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import {
  inventory,
  inventoryLedger,
  members,
  orderEvents,
  orders,
  payments,
  pointsLedger,
  products,
  promotions,
  skus,
  staff,
  staffAuditLog,
} from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { adjust, checkLedger, getStock } from '../../src/modules/inventory/service';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Auth = { Authorization: string };
type Account = { auth: Auth; memberId: number; storeId: number | null };
type Sku = { id: number; productId: number; priceFen: number; barcode: string };

const UA = 'till-test/1.0 (POS-01)';
/** Seeded 满减 (channel both): 满199减20, 满399减50. */
const seasonPromotion = (amountFen: number) => (amountFen >= 39900 ? 5000 : amountFen >= 19900 ? 2000 : 0);

describe('till sale: POST /api/staff/sales', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const clock = testClock(new Date('2026-11-22T04:00:00.000Z'));
  let clerk: Account; // demo-clerk-1, store `home`
  let otherClerk: Account; // demo-clerk-2, another store
  let manager: Account;
  let admin: Account;
  let home: number;
  let other: number;
  const usedSkus = new Set<number>();

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'till', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
    clerk = await loginAs('demo-clerk-1');
    otherClerk = await loginAs('demo-clerk-2');
    manager = await loginAs('demo-manager-1');
    admin = await loginAs('demo-admin');
    home = clerk.storeId!;
    other = otherClerk.storeId!;
    expect(other).not.toBe(home);
  });
  afterAll(async () => {
    expect(await checkLedger(deps.db)).toEqual([]);
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

  /** The code the customer's 会员码 page shows now (a second later than the last one, so it is new). */
  async function memberCode(customer: Account): Promise<string> {
    clock.advance(1_000);
    const res = await request(server).get('/api/me/member-code').set(customer.auth);
    expect(res.status).toBe(200);
    return res.body.code;
  }

  const sell = (who: Account, body: object, key: string | null = randomUUID()) => {
    const req = request(server).post('/api/staff/sales').set(who.auth).set('User-Agent', UA);
    return (key === null ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const quote = (who: Account, body: object) => request(server).post('/api/staff/sales/quote').set(who.auth).send(body);

  /** An on-sale SKU no other test of this file touches. */
  async function freshSku(minPriceFen = 0): Promise<Sku> {
    const rows = await deps.db
      .select({ id: skus.id, productId: skus.productId, priceFen: skus.priceFen, barcode: skus.barcode })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(products.status, 'on_sale'), eq(skus.status, 'active')))
      .orderBy(asc(skus.id));
    const sku = rows.find((r) => !usedSkus.has(r.id) && r.priceFen >= minPriceFen);
    if (!sku) throw new Error('no SKU left for the test');
    for (const r of rows.filter((r) => r.productId === sku.productId)) usedSkus.add(r.id);
    return sku;
  }

  /** Puts a SKU's stock at `home` to exactly `onHand` through the ledger; safety stock is a setting. */
  async function setStock(skuId: number, onHand: number, safetyStock: number, storeId = home): Promise<void> {
    await deps.db.insert(inventory).values({ skuId, storeId, safetyStock }).onDuplicateKeyUpdate({ set: { safetyStock } });
    const [now] = await getStock(deps.db, { storeId, skuIds: [skuId] });
    const delta = onHand - now.onHand;
    if (delta !== 0) {
      await deps.db.transaction((tx) =>
        adjust(tx, {
          storeId,
          skuId,
          delta,
          note: 'till test setup',
          reference: `till-test-${randomUUID().slice(0, 18)}`,
          actor: { type: 'system' },
        }),
      );
    }
  }
  const stockOf = async (skuId: number, storeId = home) => (await getStock(deps.db, { storeId, skuIds: [skuId] }))[0];
  const memberRow = async (id: number) => (await deps.db.select().from(members).where(eq(members.id, id)))[0];
  const staffIdOf = async (account: Account) => (await deps.db.select().from(staff).where(eq(staff.memberId, account.memberId)))[0].id;

  /** Everything a sale writes, counted, to prove a refused request wrote nothing. */
  async function footprint(skuId: number, memberId: number) {
    const n = async (
      table: typeof orders | typeof payments | typeof orderEvents | typeof inventoryLedger | typeof staffAuditLog | typeof pointsLedger,
    ) => (await deps.db.select({ n: count() }).from(table))[0].n;
    return {
      orders: await n(orders),
      payments: await n(payments),
      events: await n(orderEvents),
      ledger: await n(inventoryLedger),
      audit: await n(staffAuditLog),
      points: await n(pointsLedger),
      stock: await stockOf(skuId),
      member: await memberRow(memberId),
    };
  }

  it('sells to a member by 会员码: member price and offline 满减, stock, points, tier spend and tier, audit, the customer’s order list', async () => {
    const customer = await loginAs('demo-customer-1'); // 普通会员 9折, ¥356 spent, 356 points
    const before = await memberRow(customer.memberId);
    expect(before).toMatchObject({ tierCode: 'normal', totalSpentFen: 35_600, pointsBalance: 356 });
    const sku = await freshSku(5_000);
    // Enough to cross 白银 (¥1,000 net spend) with this one sale.
    let qty = 1;
    const payableOf = (q: number) => Math.floor((sku.priceFen * q * 90) / 100) - seasonPromotion(Math.floor((sku.priceFen * q * 90) / 100));
    while (before.totalSpentFen + payableOf(qty) < 100_000) qty += 1;
    await setStock(sku.id, qty + 4, 2);

    const base = sku.priceFen * qty;
    const afterMember = Math.floor((base * 90) / 100);
    const payable = afterMember - seasonPromotion(afterMember);
    const code = await memberCode(customer);
    const res = await sell(clerk, { memberCode: code, items: [{ barcode: sku.barcode, qty }], payMethod: 'offline_cash' });
    expect(res.status).toBe(201);
    const sale = res.body.sale;
    expect(sale).toEqual({
      id: expect.any(Number),
      orderNo: expect.stringMatching(/^TS\d{18}$/),
      storeId: home,
      items: [
        { skuId: sku.id, title: expect.any(String), specText: expect.any(String), qty, unitPriceFen: sku.priceFen, payableFen: payable },
      ],
      itemsTotalFen: base,
      memberDiscountFen: base - afterMember,
      promotionDiscountFen: seasonPromotion(afterMember),
      couponDiscountFen: 0,
      payableFen: payable,
      coupon: null,
      payMethod: 'offline_cash',
      member: {
        id: customer.memberId,
        nickname: '林小满',
        tier: { code: 'silver', name: '白银会员', discountPercent: 85 },
        pointsEarned: Math.floor(payable / 100),
        pointsBalance: 356 + Math.floor(payable / 100),
      },
      createdAt: clock.now().toISOString(),
    });

    // Membership: points with a ledger row, net spend, and the tier it crossed.
    expect(await memberRow(customer.memberId)).toMatchObject({
      tierCode: 'silver',
      totalSpentFen: 35_600 + payable,
      pointsBalance: 356 + Math.floor(payable / 100),
    });
    const credits = await deps.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.memberId, customer.memberId), eq(pointsLedger.reference, sale.orderNo)));
    expect(credits).toEqual([expect.objectContaining({ reason: 'order_completed', delta: Math.floor(payable / 100) })]);

    // One stock: on hand dropped by the sale, with its ledger row under the sale number.
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 4, reserved: 0, safetyStock: 2 });
    const ledger = await deps.db.select().from(inventoryLedger).where(eq(inventoryLedger.reference, sale.orderNo));
    expect(ledger).toEqual([
      expect.objectContaining({
        kind: 'offline_sale',
        skuId: sku.id,
        storeId: home,
        onHandDelta: -qty,
        reservedDelta: 0,
        actorType: 'staff',
      }),
    ]);

    // The order, its timeline, its payment and the audit row.
    const staffId = await staffIdOf(clerk);
    const [order] = await deps.db.select().from(orders).where(eq(orders.id, sale.id));
    expect(order).toMatchObject({
      orderNo: sale.orderNo,
      memberId: customer.memberId,
      storeId: home,
      staffId,
      channel: 'offline',
      fulfillment: 'in_store',
      status: 'completed',
      itemsTotalFen: base,
      payableFen: payable,
      paidFen: payable,
      couponDiscountFen: 0,
      tierCodeAtOrder: 'normal',
      paidAt: clock.now(),
      completedAt: clock.now(),
    });
    const events = await deps.db.select().from(orderEvents).where(eq(orderEvents.orderId, sale.id)).orderBy(asc(orderEvents.id));
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorType, e.actorId])).toEqual([
      [null, 'paid', 'staff', staffId],
      ['paid', 'completed', 'staff', staffId],
    ]);
    const paid = await deps.db.select().from(payments).where(eq(payments.orderId, sale.id));
    expect(paid).toEqual([
      expect.objectContaining({ outTradeNo: sale.orderNo, method: 'offline_cash', status: 'paid', amountFen: payable }),
    ]);
    const audits = await deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'till.sale'), eq(staffAuditLog.targetId, String(sale.id))));
    expect(audits).toEqual([expect.objectContaining({ staffId, storeId: home, targetType: 'order', userAgent: UA })]);

    // The customer sees the purchase among their orders, completed, with its timeline.
    const mine = await request(server).get(`/api/orders/${sale.id}`).set(customer.auth);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      orderNo: sale.orderNo,
      channel: 'offline',
      status: 'completed',
      payableFen: payable,
      paidFen: payable,
    });
    expect(mine.body.timeline.map((t: { label: string }) => t.label)).toEqual(['已付款', '已完成']);

    // The code was burned: neither a second sale nor a resolve can use it again.
    const again = await sell(clerk, { memberCode: code, items: [{ skuId: sku.id, qty: 1 }] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('MEMBER_CODE_USED');
    const resolve = await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code });
    expect(resolve.status).toBe(409);
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 4 });
  });

  it('sells the safety stock online cannot, never what online orders hold, and nothing beyond on hand', async () => {
    const customer = await loginAs('demo-customer-4');
    const sku = await freshSku();
    await setStock(sku.id, 5, 3); // online may sell 2, the till 5
    const online = (qty: number) =>
      request(server)
        .post('/api/orders')
        .set(customer.auth)
        .set('Idempotency-Key', randomUUID())
        .send({ items: [{ skuId: sku.id, qty }], fulfillment: { type: 'pickup', storeId: home } });

    const tooMany = await online(3);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe('OUT_OF_STOCK');
    expect((await online(2)).status).toBe(201);
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 5, reserved: 2, safetyStock: 3, sellableOnline: 0, sellableAtTill: 3 });
    const lastOnline = await online(1);
    expect(lastOnline.status).toBe(422);
    expect(lastOnline.body.code).toBe('OUT_OF_STOCK');

    // The till: the three units of safety stock yes, a fourth (held by the online order) no.
    const q = await quote(clerk, { items: [{ skuId: sku.id, qty: 4 }] });
    expect(q.body.quote).toMatchObject({ inStock: false, items: [{ skuId: sku.id, sellableAtTill: 3 }] });
    const before = await footprint(sku.id, customer.memberId);
    const beyond = await sell(clerk, { items: [{ skuId: sku.id, qty: 4 }] });
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
    expect(await footprint(sku.id, customer.memberId)).toEqual(before);

    const sold = await sell(clerk, { items: [{ skuId: sku.id, qty: 3 }] });
    expect(sold.status).toBe(201);
    expect(sold.body.sale).toMatchObject({ member: null, payMethod: 'offline_wechat', items: [{ skuId: sku.id, qty: 3 }] });
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 2, reserved: 2, sellableOnline: 0, sellableAtTill: 0 });
    const [order] = await deps.db.select().from(orders).where(eq(orders.id, sold.body.sale.id));
    expect(order).toMatchObject({ memberId: null, tierCodeAtOrder: null, memberDiscountFen: 0, channel: 'offline' });
  });

  it('makes one sale for 10 parallel retries with the same Idempotency-Key, and a late retry gets it too', async () => {
    const customer = await loginAs('demo-customer-5');
    const sku = await freshSku();
    await setStock(sku.id, 10, 0);
    const before = await memberRow(customer.memberId);
    const code = await memberCode(customer);
    const key = `till-${randomUUID()}`;
    const body = { memberCode: code, items: [{ skuId: sku.id, qty: 2 }] };

    const responses = await Promise.all(Array.from({ length: 10 }, () => sell(clerk, body, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(responses.map((r) => r.body.sale.id));
    expect(ids.size).toBe(1);
    const sale = responses[0].body.sale;
    expect(await deps.db.select().from(orders).where(eq(orders.orderNo, sale.orderNo))).toHaveLength(1);
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 8 });
    const after = await memberRow(customer.memberId);
    expect(after.pointsBalance - before.pointsBalance).toBe(Math.floor(sale.payableFen / 100));
    expect(after.totalSpentFen - before.totalSpentFen).toBe(sale.payableFen);
    const audits = await deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'till.sale'), eq(staffAuditLog.targetId, String(sale.id))));
    expect(audits).toHaveLength(1);

    // Five minutes later the member code has long expired: the retry still answers with the sale.
    clock.advance(5 * 60_000);
    const late = await sell(clerk, body, key);
    expect(late.status).toBe(201);
    expect(late.body.sale).toEqual(sale);
    // The same key from another staff member is another sale (keys are per staff member).
    const elsewhere = await sell(manager, { items: [{ skuId: sku.id, qty: 1 }] }, key);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.sale.id).not.toBe(sale.id);
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 7 });
  });

  it('refuses the same Idempotency-Key with another basket (422) and sells nothing more; the same body still answers the sale', async () => {
    const sku = await freshSku();
    await setStock(sku.id, 10, 0);
    const key = `till-${randomUUID()}`;
    const first = await sell(clerk, { items: [{ skuId: sku.id, qty: 1 }], payMethod: 'offline_cash' }, key);
    expect(first.status).toBe(201);

    const other = await sell(clerk, { items: [{ skuId: sku.id, qty: 3 }], payMethod: 'offline_cash' }, key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: expect.stringContaining('该请求编号已用于另一笔不同的收银'),
    });
    const otherPay = await sell(clerk, { items: [{ skuId: sku.id, qty: 1 }], payMethod: 'offline_wechat' }, key);
    expect(otherPay).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 9 });

    // Key order does not matter: the body is compared canonically.
    const again = await sell(clerk, { payMethod: 'offline_cash', items: [{ qty: 1, skuId: sku.id }] }, key);
    expect(again.status).toBe(201);
    expect(again.body.sale).toEqual(first.body.sale);
  });

  it('refuses bad requests and changes nothing, leaving the member code usable', async () => {
    const customer = await loginAs('demo-customer-2');
    const sku = await freshSku();
    await setStock(sku.id, 10, 1);
    const code = await memberCode(customer);
    const before = await footprint(sku.id, customer.memberId);
    const item = { skuId: sku.id, qty: 1 };

    const cases: [string, () => request.Test, number, string][] = [
      ['no items', () => sell(clerk, { memberCode: code, items: [] }), 400, 'VALIDATION_FAILED'],
      ['qty 0', () => sell(clerk, { memberCode: code, items: [{ skuId: sku.id, qty: 0 }] }), 400, 'VALIDATION_FAILED'],
      [
        'skuId and barcode at once',
        () => sell(clerk, { items: [{ skuId: sku.id, barcode: sku.barcode, qty: 1 }] }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'member code and member id at once',
        () => sell(clerk, { memberCode: code, memberId: customer.memberId, items: [item] }),
        400,
        'VALIDATION_FAILED',
      ],
      ['client prices', () => sell(clerk, { items: [{ ...item, priceFen: 1 }] }), 400, 'VALIDATION_FAILED'],
      ['no Idempotency-Key', () => sell(clerk, { memberCode: code, items: [item] }, null), 400, 'VALIDATION_FAILED'],
      [
        'unknown barcode',
        () => sell(clerk, { memberCode: code, items: [item, { barcode: '0000000000000', qty: 1 }] }),
        404,
        'SKU_NOT_FOUND',
      ],
      ['unknown SKU id', () => sell(clerk, { memberCode: code, items: [{ skuId: 99_999_999, qty: 1 }] }), 404, 'SKU_NOT_FOUND'],
      [
        'a malformed coupon code',
        () => sell(clerk, { memberCode: code, items: [item], couponCode: 'C123456' }),
        422,
        'COUPON_CODE_INVALID',
      ],
      ['a clerk selling for another store', () => sell(clerk, { memberCode: code, items: [item], storeId: other }), 403, 'FORBIDDEN'],
      ['a manager selling for another store', () => sell(manager, { items: [item], storeId: other }), 403, 'FORBIDDEN'],
      ['head office without a store', () => sell(admin, { items: [item] }), 400, 'VALIDATION_FAILED'],
      ['a customer', () => sell(customer, { memberCode: code, items: [item] }), 403, 'FORBIDDEN'],
      ['a member id nobody scanned', () => sell(clerk, { memberId: customer.memberId, items: [item] }), 422, 'MEMBER_NOT_RESOLVED'],
      [
        'a forged member code',
        () => sell(clerk, { memberCode: `${code.slice(0, 17)}${(Number(code[17]) + 1) % 10}`, items: [item] }),
        422,
        'MEMBER_CODE_INVALID',
      ],
    ];
    // The run's Redis is shared by test files: make sure no resolution of this pair is left over.
    await deps.redis.del(`till:resolved:${await staffIdOf(clerk)}:${customer.memberId}`);
    for (const [name, send, status, errorCode] of cases) {
      const res = await send();
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code: errorCode });
      expect(typeof res.body.message).toBe('string');
    }
    const unknown = await sell(clerk, { items: [{ barcode: '0000000000000', qty: 1 }] });
    expect(unknown.body).toMatchObject({ message: '商品不存在' });
    const coupon = await sell(clerk, { items: [item], couponCode: 'C123456' });
    expect(coupon.body.message).toMatch(/优惠券/);
    expect(await footprint(sku.id, customer.memberId)).toEqual(before);

    // The code was never burned by the refused requests: it still sells.
    const ok = await sell(clerk, { memberCode: code, items: [item] });
    expect(ok.status).toBe(201);
    expect(ok.body.sale.member).toMatchObject({ id: customer.memberId, tier: { code: 'silver' } });
  });

  it('refuses an expired member code and off-shelf products like online', async () => {
    const customer = await loginAs('demo-customer-3');
    const sku = await freshSku();
    await setStock(sku.id, 10, 0);
    const code = await memberCode(customer);
    clock.advance(70_000);
    const expired = await sell(clerk, { memberCode: code, items: [{ skuId: sku.id, qty: 1 }] });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('MEMBER_CODE_EXPIRED');

    await deps.db.update(products).set({ status: 'off_shelf' }).where(eq(products.id, sku.productId));
    const before = await footprint(sku.id, customer.memberId);
    const offShelf = await sell(clerk, { items: [{ barcode: sku.barcode, qty: 1 }] });
    expect(offShelf.status).toBe(422);
    expect(offShelf.body.code).toBe('PRODUCT_OFF_SHELF');
    expect(await footprint(sku.id, customer.memberId)).toEqual(before);
    await deps.db.update(products).set({ status: 'on_sale' }).where(eq(products.id, sku.productId));
  });

  it('quotes and sells by member id only for a member this staff member resolved, once per scan', async () => {
    const customer = await loginAs('demo-customer-3'); // 黄金 8折
    const sku = await freshSku();
    await setStock(sku.id, 10, 0);
    const clerkStaffId = await staffIdOf(clerk);
    await deps.redis.del(`till:resolved:${clerkStaffId}:${customer.memberId}`);
    await deps.redis.del(`till:resolved:${await staffIdOf(otherClerk)}:${customer.memberId}`);
    const items = [{ skuId: sku.id, qty: 1 }];

    const unresolved = await quote(clerk, { memberId: customer.memberId, items });
    expect(unresolved.status).toBe(422);
    expect(unresolved.body.code).toBe('MEMBER_NOT_RESOLVED');

    const resolved = await request(server)
      .post('/api/staff/members/resolve')
      .set(clerk.auth)
      .send({ code: await memberCode(customer) });
    expect(resolved.status).toBe(200);
    const ttl = await deps.redis.ttl(`till:resolved:${clerkStaffId}:${customer.memberId}`);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);

    // Quotes by id use nothing up: twice the same answer, with the gold price.
    const afterMember = Math.floor((sku.priceFen * 80) / 100);
    for (let i = 0; i < 2; i++) {
      const q = await quote(clerk, { memberId: customer.memberId, items });
      expect(q.status).toBe(200);
      expect(q.body.quote).toMatchObject({
        storeId: home,
        itemsTotalFen: sku.priceFen,
        memberDiscountFen: sku.priceFen - afterMember,
        payableFen: afterMember - seasonPromotion(afterMember),
        member: { id: customer.memberId, tier: { code: 'gold' } },
        inStock: true,
        items: [{ skuId: sku.id, qty: 1, sellableAtTill: 10 }],
      });
      expect(q.body.quote.adjustments[0]).toMatchObject({ kind: 'member', label: '会员8折' });
    }
    // A quote never takes a member code (it would burn it); another clerk cannot use this resolution.
    expect((await quote(clerk, { memberCode: '123456789012345678', items })).status).toBe(400);
    expect((await quote(otherClerk, { memberId: customer.memberId, items, storeId: other })).body.code).toBe('MEMBER_NOT_RESOLVED');

    const sale = await sell(clerk, { memberId: customer.memberId, items });
    expect(sale.status).toBe(201);
    expect(sale.body.sale).toMatchObject({ payableFen: afterMember - seasonPromotion(afterMember), member: { id: customer.memberId } });
    const audit = await deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'till.sale'), eq(staffAuditLog.targetId, String(sale.body.sale.id))));
    expect(audit[0].detail).toMatchObject({ memberVia: 'resolved', memberId: customer.memberId });
    // One scan, one sale.
    const second = await sell(clerk, { memberId: customer.memberId, items });
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('MEMBER_NOT_RESOLVED');
    expect(await stockOf(sku.id)).toMatchObject({ onHand: 9 });
  });

  it('lets head office sell at a named store, audited there', async () => {
    const sku = await freshSku();
    await setStock(sku.id, 3, 3, other);
    const res = await sell(admin, { items: [{ skuId: sku.id, qty: 3 }], storeId: other, payMethod: 'offline_cash' });
    expect(res.status).toBe(201);
    expect(res.body.sale).toMatchObject({ storeId: other, member: null, payMethod: 'offline_cash' });
    expect(await stockOf(sku.id, other)).toMatchObject({ onHand: 0 });
    const [audit] = await deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'till.sale'), eq(staffAuditLog.targetId, String(res.body.sale.id))));
    expect(audit).toMatchObject({ storeId: other, staffId: await staffIdOf(admin) });
    expect((await sell(admin, { items: [{ skuId: sku.id, qty: 1 }], storeId: 99_999 })).status).toBe(404);
  });

  it('takes 满减 running for the offline channel (offline or both), not online-only ones', async () => {
    const sku = await freshSku();
    await setStock(sku.id, 10, 0);
    const window = { startsAt: new Date(clock.now().getTime() - 3_600_000), endsAt: new Date(clock.now().getTime() + 86_400_000) };
    const promo = (code: string, channel: 'online' | 'offline', offFen: number) => ({
      code,
      name: code,
      kind: 'threshold_off' as const,
      tiers: [{ thresholdFen: 1, offFen }],
      scope: 'products' as const,
      scopeIds: [sku.productId],
      channel,
      ...window,
    });
    await deps.db.insert(promotions).values([promo('TILL-TEST-OFF', 'offline', 7), promo('TILL-TEST-ON', 'online', 5)]);
    try {
      const items = [{ skuId: sku.id, qty: 1 }];
      const seasonal = seasonPromotion(sku.priceFen);
      const atTill = await quote(clerk, { items });
      expect(atTill.body.quote.promotionDiscountFen).toBe(Math.max(seasonal, 7));
      const customer = await loginAs('demo-customer-4');
      const onlineQuote = await request(server)
        .post('/api/checkout/quote')
        .set(customer.auth)
        .send({ items, fulfillment: { type: 'pickup', storeId: home }, couponId: null });
      expect(onlineQuote.status).toBe(200);
      const customerAfterMember = Math.floor((sku.priceFen * 90) / 100);
      expect(onlineQuote.body.promotionDiscountFen).toBe(Math.max(seasonPromotion(customerAfterMember), 5));
      const sold = await sell(clerk, { items });
      expect(sold.body.sale).toMatchObject({
        promotionDiscountFen: Math.max(seasonal, 7),
        payableFen: sku.priceFen - Math.max(seasonal, 7),
      });
    } finally {
      await deps.db
        .update(promotions)
        .set({ status: 'paused' })
        .where(inArray(promotions.code, ['TILL-TEST-OFF', 'TILL-TEST-ON']));
    }
  });

  it('documents both endpoints in the OpenAPI document', async () => {
    const doc = (await request(server).get('/api/openapi.json')).body;
    expect(doc.paths['/api/staff/sales'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/staff/sales'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
    expect(doc.paths['/api/staff/sales/quote'].post.responses['200']).toBeDefined();
  });
});
