import http from 'node:http';
import { and, eq, gt } from 'drizzle-orm';
import { couponTemplates, inventory, inventoryLedger, orderEvents, orders, payments, products, skus, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { closeIfOverdue, sweepOverdue } from '../../src/modules/checkout/close';
import { reconcilePendingPayments } from '../../src/modules/payment/reconcile';
import { settlePayment } from '../../src/modules/payment/service';
import { freePort } from '../../../scripts/src/lib/processes';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { eventually } from '../support/eventually';

describe('orders and WeChat Pay through the sandbox', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let api: http.Server;
  let base: string;
  const clock = testClock(new Date());

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    deps = await createTestDeps({ label: 'orders', wechat: sandbox.wechat, now: clock.now, env: { PUBLIC_BASE_URL: base } });
    await seedDemo(deps.db, clock.now());
    // A real port: the sandbox posts payment notifications to it.
    api = http.createServer(buildApp(deps).callback());
    await new Promise<void>((ready) => api.listen(port, '127.0.0.1', ready));
  });
  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((done) => api.close(done));
    await deps.close();
    await sandbox.close();
  });

  async function signIn(openid: string) {
    const code = await sandbox.loginCode(openid);
    const { token, user } = (await request(base).post('/api/auth/login').send({ code })).body;
    return { auth: { Authorization: `Bearer ${token}` }, memberId: user.id as number };
  }
  async function stockedSku(storeId = 1, min = 20) {
    const [row] = await deps.db
      .select({ skuId: inventory.skuId })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(inventory.storeId, storeId), gt(inventory.onHand, min), eq(inventory.reserved, 0), eq(products.status, 'on_sale')))
      .limit(1);
    return row.skuId;
  }
  const stockRow = async (skuId: number, storeId = 1) =>
    (
      await deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.skuId, skuId), eq(inventory.storeId, storeId)))
    )[0];
  const orderRow = async (id: number) => (await deps.db.select().from(orders).where(eq(orders.id, id)))[0];
  const create = (auth: Record<string, string>, body: object, key = `k-${Math.random().toString(36).slice(2, 12)}`) =>
    request(base).post('/api/orders').set(auth).set('Idempotency-Key', key).send(body);

  it('quotes from the database and creates the order with the same numbers, ignoring client amounts', async () => {
    const { auth } = await signIn('demo-customer-2'); // silver: 8.5折
    const skuId = await stockedSku();
    const body = { items: [{ skuId, qty: 2 }], fulfillment: { type: 'pickup', storeId: 1 }, couponId: null };
    const quoted = await request(base).post('/api/checkout/quote').set(auth).send(body);
    expect(quoted.status).toBe(200);
    const [sku] = await deps.db.select().from(skus).where(eq(skus.id, skuId));
    expect(quoted.body.itemsTotalFen).toBe(sku.priceFen * 2);
    expect(quoted.body.memberDiscountFen).toBe(sku.priceFen * 2 - Math.floor((sku.priceFen * 2 * 85) / 100));

    const created = await create(auth, { ...body, payableFen: 1, items: [{ skuId, qty: 2, priceFen: 1 }] });
    expect(created.status).toBe(201);
    expect(created.body.order).toMatchObject({ status: 'pending_payment', payableFen: quoted.body.payableFen });
    expect(created.body.payment).toMatchObject({ signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect((await stockRow(skuId)).reserved).toBe(2);
  });

  it('makes one order for 20 parallel retries with the same Idempotency-Key', async () => {
    const { auth, memberId } = await signIn('o-idem');
    const skuId = await stockedSku();
    const body = { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } };
    const responses = await Promise.all(Array.from({ length: 20 }, () => create(auth, body, 'same-key-123456')));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    expect(new Set(responses.map((r) => r.body.order.id)).size).toBe(1);
    expect(await deps.db.select().from(orders).where(eq(orders.memberId, memberId))).toHaveLength(1);
    expect((await stockRow(skuId)).reserved).toBe(1);
  });

  it('answers the same key and body with the first order, and refuses the same key with another body (422)', async () => {
    const { auth, memberId } = await signIn('o-idem-body');
    const skuId = await stockedSku();
    const body = { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } };
    const first = await create(auth, body, 'reused-key-123456');
    expect(first.status).toBe(201);

    const other = await create(auth, { ...body, items: [{ skuId, qty: 3 }] }, 'reused-key-123456');
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: '该请求编号已用于另一笔不同的订单，请重新提交' });
    const retry = await create(auth, { fulfillment: { storeId: 1, type: 'pickup' }, items: [{ qty: 1, skuId }] }, 'reused-key-123456');
    expect(retry.status).toBe(201);
    expect(retry.body.order.id).toBe(first.body.order.id);
    expect(await deps.db.select().from(orders).where(eq(orders.memberId, memberId))).toHaveLength(1);
    expect((await stockRow(skuId)).reserved).toBe(1);
  });

  it.each([
    [{} as Record<string, string>, 'no key', 400],
    [{ 'Idempotency-Key': 'short' } as Record<string, string>, 'bad key', 400],
  ])('refuses a create with %p (%s)', async (headers, _why, status) => {
    const { auth } = await signIn('o-key');
    const res = await request(base)
      .post('/api/orders')
      .set(auth)
      .set(headers)
      .send({ items: [{ skuId: 1, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    expect(res.status).toBe(status);
  });

  it('refuses more than the store can sell online and writes nothing', async () => {
    const { auth, memberId } = await signIn('o-oos');
    const skuId = await stockedSku();
    const before = await stockRow(skuId);
    const res = await create(auth, { items: [{ skuId, qty: 99 }], fulfillment: { type: 'pickup', storeId: 1 } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
    expect(await deps.db.select().from(orders).where(eq(orders.memberId, memberId))).toHaveLength(0);
    expect(await stockRow(skuId)).toEqual(before);
  });

  it('is paid only by a verified notification; duplicates change nothing; the store queue gets it', async () => {
    const { auth } = await signIn('o-pay');
    const skuId = await stockedSku();
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const orderId = created.body.order.id as number;
    const prepayId = String(created.body.payment.package).replace('prepay_id=', '');
    await sandbox.fault({ api: 'notify', kind: 'duplicate', value: 5, times: 1 });
    await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prepay_id: prepayId }),
    });
    await eventually(async () => expect((await orderRow(orderId)).status).toBe('preparing'));
    const order = await orderRow(orderId);
    expect(order.paidFen).toBe(order.payableFen);
    const [payment] = await deps.db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(payment.status).toBe('paid');
    const detail = await request(base).get(`/api/orders/${orderId}`).set(auth);
    expect(detail.body.timeline.map((t: { status: string }) => t.status)).toEqual(['pending_payment', 'paid', 'preparing']);
  });

  it('refuses WeChat’s mis-signed probe (the genuine notification still pays) and a forged one', async () => {
    const { auth } = await signIn('o-forged');
    const skuId = await stockedSku();
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const orderNo = created.body.order.orderNo as string;
    const prepayId = String(created.body.payment.package).replace('prepay_id=', '');
    await sandbox.fault({ api: 'notify', kind: 'bad_signature', times: 1 });
    await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prepay_id: prepayId }),
    });
    await eventually(async () => {
      const attempts = sandbox.state.notifications.filter((n) => n.out_trade_no === orderNo).flatMap((n) => n.attempts);
      expect(attempts.filter((a) => a.kind === 'probe').map((a) => a.status)).toEqual([401]);
      expect(attempts.some((a) => a.kind === 'delivery' && a.status === 204)).toBe(true);
    });
    expect((await orderRow(created.body.order.id)).status).toBe('preparing');

    const unpaid = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const forged = await request(base).post('/api/pay/notify').set('Wechatpay-Signature', 'AAAA').send({ id: 'x', resource: {} });
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ code: 'FAIL', message: '签名验证失败' });
    expect((await orderRow(unpaid.body.order.id)).status).toBe('pending_payment');
  });

  it('resolves a late notification by asking WeChat (reconciler)', async () => {
    const { auth } = await signIn('o-late');
    const skuId = await stockedSku();
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const prepayId = String(created.body.payment.package).replace('prepay_id=', '');
    await sandbox.fault({ api: 'notify', kind: 'drop', times: 1 });
    await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prepay_id: prepayId }),
    });
    clock.advance(3 * 60_000);
    const { settled } = await reconcilePendingPayments(deps);
    expect(settled).toBeGreaterThanOrEqual(1);
    expect((await orderRow(created.body.order.id)).status).toBe('preparing');
  });

  it('flags an amount mismatch for staff instead of marking paid', async () => {
    const { auth } = await signIn('o-mismatch');
    const skuId = await stockedSku();
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const order = await orderRow(created.body.order.id);
    const outcome = await settlePayment(deps, {
      appid: deps.config.wechat.appid,
      mchid: deps.config.wechatPay.mchid,
      outTradeNo: order.orderNo,
      transactionId: '4200000000000000001',
      tradeState: 'SUCCESS',
      amountFen: order.payableFen - 1,
    });
    expect(outcome).toBe('flagged');
    const after = await orderRow(order.id);
    expect(after.status).toBe('pending_payment');
    expect(after.flaggedReason).toContain('金额');
  });

  it('shows staff the flagged order; a later matching payment clears its mismatch flag (kept in the timeline), never another flag', async () => {
    const { auth } = await signIn('o-mismatch-then-paid');
    const { auth: clerk } = await signIn('demo-clerk-1'); // store 1
    const skuId = await stockedSku();
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const order = await orderRow(created.body.order.id);
    const trade = {
      appid: deps.config.wechat.appid,
      mchid: deps.config.wechatPay.mchid,
      outTradeNo: order.orderNo,
      transactionId: '4200000000000000002',
      tradeState: 'SUCCESS' as const,
    };
    expect(await settlePayment(deps, { ...trade, amountFen: order.payableFen + 100 })).toBe('flagged');
    const flaggedReason = (await orderRow(order.id)).flaggedReason;
    expect(flaggedReason).toMatch(/^支付信息不一致：金额/);

    const flagged = await request(base).get('/api/staff/orders?status=flagged').set(clerk);
    expect(flagged.status).toBe(200);
    expect(flagged.body.items).toContainEqual(expect.objectContaining({ id: order.id, status: 'pending_payment', flaggedReason }));

    // WeChat's word on the same transaction now matches ours: paid, and the mismatch is resolved.
    expect(await settlePayment(deps, { ...trade, amountFen: order.payableFen })).toBe('paid');
    const paid = await orderRow(order.id);
    expect(paid).toMatchObject({ status: 'preparing', paidFen: order.payableFen, flaggedReason: null });
    const [payEvent] = await deps.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toStatus, 'paid')));
    expect(payEvent.detail).toEqual({ clearedFlag: flaggedReason });
    const after = await request(base).get('/api/staff/orders?status=flagged').set(clerk);
    expect(after.body.items.map((o: { id: number }) => o.id)).not.toContain(order.id);
    const queue = await request(base).get('/api/staff/orders?status=preparing').set(clerk);
    expect(queue.body.items).toContainEqual(expect.objectContaining({ id: order.id, flaggedReason: null }));

    // A flag the payment did not raise (here a refund problem) is not the payment's to clear.
    const other = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    const otherOrder = await orderRow(other.body.order.id);
    await deps.db.update(orders).set({ flaggedReason: '退款异常（RF0001-01），需人工处理' }).where(eq(orders.id, otherOrder.id));
    expect(await settlePayment(deps, { ...trade, outTradeNo: otherOrder.orderNo, amountFen: otherOrder.payableFen })).toBe('paid');
    expect(await orderRow(otherOrder.id)).toMatchObject({ status: 'preparing', flaggedReason: '退款异常（RF0001-01），需人工处理' });
  });

  it('closes an unpaid order after its deadline exactly once: stock and coupon come back, WeChat order closed', async () => {
    const { auth, memberId } = await signIn('o-close');
    const skuId = await stockedSku();
    const [template] = await deps.db.select().from(couponTemplates).where(eq(couponTemplates.kind, 'no_threshold')).limit(1);
    await deps.db.insert(userCoupons).values({
      templateId: template.id,
      memberId,
      code: `8${Date.now()}`.slice(0, 16),
      issueKey: 'test:close',
      source: 'center',
      validFrom: new Date(clock.now().getTime() - 3600_000),
      validTo: new Date(clock.now().getTime() + 86_400_000),
    });
    const [coupon] = await deps.db.select().from(userCoupons).where(eq(userCoupons.memberId, memberId));
    const before = await stockRow(skuId);
    const created = await create(auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 }, couponId: coupon.id });
    expect(created.status).toBe(201);
    expect(created.body.order.couponDiscountFen).toBeGreaterThan(0);
    expect((await deps.db.select().from(userCoupons).where(eq(userCoupons.id, coupon.id)))[0].status).toBe('locked');

    const orderId = created.body.order.id as number;
    expect(await closeIfOverdue(deps, orderId)).toBe('not_pending'); // not due yet
    clock.advance(16 * 60_000);
    // Two delayed-job runs and the sweeper race; whichever wins, the order is cancelled once.
    await Promise.all([closeIfOverdue(deps, orderId), closeIfOverdue(deps, orderId), sweepOverdue(deps)]);
    const cancellations = await deps.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, 'cancelled')));
    expect(cancellations).toHaveLength(1);
    expect((await orderRow(orderId)).status).toBe('cancelled');
    expect(await stockRow(skuId)).toMatchObject({ reserved: before.reserved, onHand: before.onHand });
    expect((await deps.db.select().from(userCoupons).where(eq(userCoupons.id, coupon.id)))[0].status).toBe('available');
    const releases = await deps.db
      .select()
      .from(inventoryLedger)
      .where(and(eq(inventoryLedger.kind, 'release'), eq(inventoryLedger.skuId, skuId)));
    expect(releases).toHaveLength(1);
    expect(sandbox.state.transactions.get((await orderRow(orderId)).orderNo)?.trade_state).toBe('CLOSED');
  });

  it('lets the customer cancel an unpaid order, and only their own', async () => {
    const alice = await signIn('o-alice');
    const bob = await signIn('o-bob');
    const skuId = await stockedSku();
    const created = await create(alice.auth, { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    expect((await request(base).post(`/api/orders/${created.body.order.id}/cancel`).set(bob.auth)).status).toBe(404);
    expect((await request(base).get(`/api/orders/${created.body.order.id}`).set(bob.auth)).status).toBe(404);
    const cancelled = await request(base).post(`/api/orders/${created.body.order.id}/cancel`).set(alice.auth);
    expect(cancelled.body).toEqual({ result: 'cancelled' });
    expect((await request(base).post(`/api/orders/${created.body.order.id}/cancel`).set(alice.auth)).status).toBe(409);
    const list = await request(base).get('/api/orders?status=cancelled').set(alice.auth);
    expect(list.body.items.map((o: { id: number }) => o.id)).toContain(created.body.order.id);
  });
});
