import { randomUUID } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { inventory, orderLines, orders, products, skus, staff, staffAuditLog, statusChanges } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { issueCouponCode } from '../../src/modules/coupon/offline-code';
import { adjust, checkLedger, getStock } from '../../src/modules/inventory/service';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { couponRow, giveCoupon, makeTemplate } from '../coupon/offline-support';

type Auth = { Authorization: string };
type Account = { auth: Auth; memberId: number; storeId: number | null; staffId?: number };
type Sku = { id: number; productId: number; priceFen: number; barcode: string };

const UA = 'till-coupon-test/1.0 (POS-03)';

describe('till sale with a coupon (线上领券，线下核销): couponCode on the quote and on POST /api/staff/sales', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const clock = testClock(new Date('2026-11-24T05:00:00.000Z'));
  let clerk: Account; // demo-clerk-1, HZ-WS
  let otherClerk: Account; // demo-clerk-2, HZ-HB
  let customer: Account;
  let stranger: Account;
  let home: number;
  let other: number;
  const usedSkus = new Set<number>();

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'till_coupon', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
    clerk = await loginAs('demo-clerk-1');
    otherClerk = await loginAs('demo-clerk-2');
    customer = await loginAs('demo-customer-1');
    stranger = await loginAs('demo-customer-2');
    home = clerk.storeId!;
    other = otherClerk.storeId!;
    for (const account of [clerk, otherClerk]) {
      account.staffId = (await deps.db.select().from(staff).where(eq(staff.memberId, account.memberId)))[0].id;
    }
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

  async function couponCode(who: Account, userCouponId: number): Promise<string> {
    clock.advance(1_000);
    const res = await request(server).get(`/api/me/coupons/${userCouponId}/code`).set(who.auth);
    expect(res.status).toBe(200);
    return res.body.code;
  }
  async function memberCode(who: Account): Promise<string> {
    clock.advance(1_000);
    const res = await request(server).get('/api/me/member-code').set(who.auth);
    expect(res.status).toBe(200);
    return res.body.code;
  }

  const sell = (who: Account, body: object, key = randomUUID()) =>
    request(server).post('/api/staff/sales').set(who.auth).set('User-Agent', UA).set('Idempotency-Key', key).send(body);
  const quote = (who: Account, body: object) => request(server).post('/api/staff/sales/quote').set(who.auth).send(body);

  /** An on-sale SKU of a product no other test of this file touches. */
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

  async function setStock(skuId: number, onHand: number, storeId = home): Promise<void> {
    await deps.db
      .insert(inventory)
      .values({ skuId, storeId, safetyStock: 0 })
      .onDuplicateKeyUpdate({ set: { safetyStock: 0 } });
    const [now] = await getStock(deps.db, { storeId, skuIds: [skuId] });
    const delta = onHand - now.onHand;
    if (delta !== 0) {
      await deps.db.transaction((tx) =>
        adjust(tx, {
          storeId,
          skuId,
          delta,
          note: 'till coupon test',
          reference: `tc-${randomUUID().slice(0, 18)}`,
          actor: { type: 'system' },
        }),
      );
    }
  }
  const stockOf = async (skuId: number, storeId = home) => (await getStock(deps.db, { storeId, skuIds: [skuId] }))[0];
  /** A qty of the SKU worth at least `fen`. */
  const qtyFor = (sku: Sku, fen: number) => Math.max(1, Math.ceil(fen / sku.priceFen));
  const ordersWithCoupon = async (userCouponId: number) =>
    (await deps.db.select({ n: count() }).from(orders).where(eq(orders.userCouponId, userCouponId)))[0].n;
  const redeemHistory = (userCouponId: number) =>
    deps.db
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, 'user_coupon'), eq(statusChanges.entityId, userCouponId), eq(statusChanges.event, 'redeem')));

  /** 满100减10 for both channels, all goods: the tests' usual coupon. */
  const tenOff = (overrides = {}) => makeTemplate(deps, { name: '满100减10', amountOffFen: 1000, thresholdFen: 10_000, ...overrides });

  it('the quote takes the coupon off and the sale redeems it with the sale, in one transaction, once', async () => {
    const a = await freshSku(2_000);
    const b = await freshSku(2_000);
    const items = [
      { barcode: a.barcode, qty: qtyFor(a, 30_000) },
      { skuId: b.id, qty: qtyFor(b, 10_000) },
    ];
    await setStock(a.id, 50);
    await setStock(b.id, 50);
    const id = await giveCoupon(deps, await tenOff(), customer.memberId);
    const code = await couponCode(customer, id);

    const plain = (await quote(clerk, { items })).body.quote;
    const q = await quote(clerk, { items, couponCode: code });
    expect(q.status).toBe(200);
    expect(q.body.quote).toMatchObject({
      couponDiscountFen: 1000,
      payableFen: plain.payableFen - 1000,
      promotionDiscountFen: plain.promotionDiscountFen,
      coupon: {
        userCouponId: id,
        name: '满100减10',
        ruleText: '满100减10',
        member: { id: customer.memberId, nickname: '林小满' },
        discountFen: 1000,
        refusal: null,
      },
    });
    expect(q.body.quote.adjustments).toContainEqual(expect.objectContaining({ kind: 'coupon', amountFen: 1000 }));
    // The quote used nothing up.
    expect(await couponRow(deps, id)).toMatchObject({ status: 'available' });

    const key = randomUUID();
    const res = await sell(clerk, { items, couponCode: code, payMethod: 'offline_cash' }, key);
    expect(res.status).toBe(201);
    const sale = res.body.sale;
    expect(sale).toMatchObject({
      couponDiscountFen: 1000,
      payableFen: q.body.quote.payableFen,
      member: null,
      coupon: { userCouponId: id, name: '满100减10', ruleText: '满100减10' },
    });
    expect(await couponRow(deps, id)).toMatchObject({
      status: 'used',
      usedChannel: 'offline',
      usedOrderId: sale.id,
      usedStoreId: home,
      usedByStaffId: clerk.staffId,
      usedAt: clock.now(),
    });
    const [order] = await deps.db.select().from(orders).where(eq(orders.id, sale.id));
    expect(order).toMatchObject({ userCouponId: id, couponDiscountFen: 1000, paidFen: sale.payableFen });
    const lines = await deps.db.select().from(orderLines).where(eq(orderLines.orderId, sale.id));
    expect(lines.reduce((sum, line) => sum + line.couponShareFen, 0)).toBe(1000);
    expect(lines.every((line) => line.couponShareFen > 0)).toBe(true);
    expect(await redeemHistory(id)).toEqual([expect.objectContaining({ actorType: 'staff', actorId: clerk.staffId })]);
    const [audit] = await deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'till.sale'), eq(staffAuditLog.targetId, String(sale.id))));
    expect(audit.detail).toMatchObject({ userCouponId: id, couponDiscountFen: 1000 });

    // A retry of the sale answers the same sale; a new sale with the same code is refused.
    const retry = await sell(clerk, { items, couponCode: code, payMethod: 'offline_cash' }, key);
    expect(retry.status).toBe(201);
    expect(retry.body.sale).toEqual(sale);
    const again = await sell(clerk, { items, couponCode: code });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('COUPON_CODE_USED');
    expect(await ordersWithCoupon(id)).toBe(1);
  });

  it('a sale that fails (out of stock) leaves the coupon available and its code usable', async () => {
    const sku = await freshSku(2_000);
    const qty = qtyFor(sku, 15_000);
    await setStock(sku.id, qty - 1);
    const id = await giveCoupon(deps, await tenOff(), customer.memberId);
    const code = await couponCode(customer, id);
    const items = [{ skuId: sku.id, qty }];

    const failed = await sell(clerk, { items, couponCode: code });
    expect(failed.status).toBe(422);
    expect(failed.body.code).toBe('OUT_OF_STOCK');
    expect(await couponRow(deps, id)).toMatchObject({ status: 'available', usedOrderId: null, usedAt: null, usedStoreId: null });
    expect(await redeemHistory(id)).toEqual([]);
    expect(await ordersWithCoupon(id)).toBe(0);

    await setStock(sku.id, qty);
    const sold = await sell(clerk, { items, couponCode: code });
    expect(sold.status).toBe(201);
    expect(await couponRow(deps, id)).toMatchObject({ status: 'used', usedOrderId: sold.body.sale.id });
  });

  it('a coupon that does not apply is shown with its reason in the quote and refuses the sale', async () => {
    const sku = await freshSku(1_000);
    await setStock(sku.id, 100);
    const small = [{ skuId: sku.id, qty: 1 }];
    const big = [{ skuId: sku.id, qty: qtyFor(sku, 30_000) }];
    const cases: [string, () => Promise<number>, typeof small, string, number][] = [
      [
        'below its threshold',
        async () => giveCoupon(deps, await tenOff({ thresholdFen: sku.priceFen + 1 }), customer.memberId),
        small,
        'COUPON_BELOW_THRESHOLD',
        422,
      ],
      [
        'the product excluded',
        async () => giveCoupon(deps, await tenOff({ excludedProductIds: [sku.productId] }), customer.memberId),
        big,
        'COUPON_NO_ELIGIBLE_ITEMS',
        422,
      ],
      ['online only', async () => giveCoupon(deps, await tenOff({ channel: 'online' }), customer.memberId), big, 'COUPON_ONLINE_ONLY', 422],
      [
        'for another store',
        async () => giveCoupon(deps, await tenOff({ storeIds: [other] }), customer.memberId),
        big,
        'COUPON_NOT_FOR_STORE',
        422,
      ],
    ];
    for (const [name, make, items, errorCode, status] of cases) {
      const id = await make();
      // Online-only coupons get no code from the app; sign one as the BFF would, to reach the till's rule.
      const code =
        name === 'online only' ? issueCouponCode(deps.config.couponCodeSecret, id, clock.now()).code : await couponCode(customer, id);
      const plain = (await quote(clerk, { items })).body.quote;
      const q = await quote(clerk, { items, couponCode: code });
      expect({ name, status: q.status, refusal: q.body.quote.coupon.refusal?.code }).toEqual({ name, status: 200, refusal: errorCode });
      expect(q.body.quote).toMatchObject({
        couponDiscountFen: 0,
        payableFen: plain.payableFen,
        coupon: { userCouponId: id, discountFen: 0 },
      });
      expect(q.body.quote.coupon.refusal.message).toMatch(/[\u4e00-\u9fa5]/);
      const res = await sell(clerk, { items, couponCode: code });
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code: errorCode });
      expect(await couponRow(deps, id)).toMatchObject({ status: 'available' });
    }
  });

  it('with a member: member price, the coupon on top, points on what was paid; someone else’s coupon is refused', async () => {
    const sku = await freshSku(2_000);
    const items = [{ skuId: sku.id, qty: qtyFor(sku, 30_000) }];
    await setStock(sku.id, 50);
    const id = await giveCoupon(deps, await tenOff(), customer.memberId);

    const notTheirs = await sell(clerk, { items, couponCode: await couponCode(customer, id), memberCode: await memberCode(stranger) });
    expect(notTheirs.status).toBe(422);
    expect(notTheirs.body).toMatchObject({ code: 'COUPON_NOT_YOURS', message: '该优惠券不属于本单的会员' });
    expect(await couponRow(deps, id)).toMatchObject({ status: 'available' });

    const res = await sell(clerk, { items, couponCode: await couponCode(customer, id), memberCode: await memberCode(customer) });
    expect(res.status).toBe(201);
    const sale = res.body.sale;
    expect(sale.memberDiscountFen).toBeGreaterThan(0);
    expect(sale).toMatchObject({ couponDiscountFen: 1000, coupon: { userCouponId: id }, member: { id: customer.memberId } });
    expect(sale.payableFen).toBe(sale.itemsTotalFen - sale.memberDiscountFen - sale.promotionDiscountFen - 1000);
    expect(sale.member.pointsEarned).toBe(Math.floor(sale.payableFen / 100));
  });

  it('two tills in two stores selling with one coupon at once: one sale, one 409, nothing written by the loser', async () => {
    const sku = await freshSku(2_000);
    const items = [{ skuId: sku.id, qty: qtyFor(sku, 15_000) }];
    for (let round = 0; round < 3; round++) {
      await setStock(sku.id, 100, home);
      await setStock(sku.id, 100, other);
      const id = await giveCoupon(deps, await tenOff(), customer.memberId);
      const code = await couponCode(customer, id);
      const answers = await Promise.all([sell(clerk, { items, couponCode: code }), sell(otherClerk, { items, couponCode: code })]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const loser = answers.find((a) => a.status === 409)!;
      expect(['COUPON_ALREADY_USED', 'COUPON_CODE_USED']).toContain(loser.body.code);
      const [winner, winnerStore, loserStore] = answers[0].status === 201 ? [clerk, home, other] : [otherClerk, other, home];
      expect(await couponRow(deps, id)).toMatchObject({ status: 'used', usedStoreId: winnerStore, usedByStaffId: winner.staffId });
      expect(await ordersWithCoupon(id)).toBe(1);
      expect(await redeemHistory(id)).toHaveLength(1);
      expect(await stockOf(sku.id, winnerStore)).toMatchObject({ onHand: 100 - items[0].qty });
      expect(await stockOf(sku.id, loserStore)).toMatchObject({ onHand: 100 });
    }
  });
});
