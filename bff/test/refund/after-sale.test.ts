import { and, eq, like } from 'drizzle-orm';
import { outbox, refunds, staffAuditLog } from '@shop/db';
import request from 'supertest';
import { orderJobs } from '../../src/jobs/scheduler';
import { checkLedger } from '../../src/modules/inventory/service';
import { ESCALATED_REASON, escalateOverdueRequests } from '../../src/modules/refund';
import { eventually, newKey, startHarness, type Harness } from './harness';

describe('after-sale requests and their review by store managers', () => {
  let h: Harness;
  let storeId: number;

  beforeAll(async () => {
    h = await startHarness('after-sale');
    storeId = await h.storeOf('demo-manager-1');
  });
  afterAll(() => h.close());

  const approve = (auth: Record<string, string>, id: number) => request(h.base).post(`/api/staff/refund-requests/${id}/approve`).set(auth);
  const reject = (auth: Record<string, string>, id: number, body: object) =>
    request(h.base).post(`/api/staff/refund-requests/${id}/reject`).set(auth).send(body);
  const auditOf = (refundId: number) =>
    h.deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.targetType, 'refund'), eq(staffAuditLog.targetId, String(refundId))));
  const requestEvents = (orderId: number) =>
    h.deps.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `refund.requested:${orderId}:%`));

  it('refunds a request at once while the store is still preparing the order', async () => {
    const { auth } = await h.signIn('as-preparing');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    const asked = await h.askRefund(auth, order.id, { reason: '拍错了' });
    expect(asked.status).toBe(201);
    expect(asked.body.status).not.toBe('requested');
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
  });

  it('holds a request on an order ready for pickup for review: clerk 403, another store’s manager 403, the store’s manager approves and the money goes back', async () => {
    const { auth } = await h.signIn('as-approve');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const before = await h.stockRow(skuId, storeId);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }]);
    await h.markReady(order.id);

    const asked = await h.askRefund(auth, order.id, { reason: '买错规格了' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'requested', statusLabel: '待审核', amountFen: order.paidFen });
    expect(new Date(asked.body.respondBy).getTime() - h.clock.now().getTime()).toBe(48 * 3_600_000);
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(0);

    const clerk = await h.signIn('demo-clerk-1');
    const otherManager = await h.signIn('demo-manager-2');
    const byClerk = await approve(clerk.auth, asked.body.id);
    expect(byClerk.status).toBe(403);
    const byOtherStore = await approve(otherManager.auth, asked.body.id);
    expect(byOtherStore.status).toBe(403);
    expect(Object.keys(byOtherStore.body).sort()).toEqual(['code', 'message', 'requestId']);
    expect((await request(h.base).get('/api/staff/refund-requests').set(clerk.auth)).status).toBe(403);
    const otherList = await request(h.base).get('/api/staff/refund-requests').set(otherManager.auth);
    expect(otherList.body.items.map((r: { id: number }) => r.id)).not.toContain(asked.body.id);
    expect((await request(h.base).get(`/api/staff/refund-requests?storeId=${storeId}`).set(otherManager.auth)).status).toBe(403);

    const { auth: managerAuth } = await h.signIn('demo-manager-1');
    const list = await request(h.base).get('/api/staff/refund-requests?status=requested').set(managerAuth);
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: asked.body.id, orderNo: order.orderNo, status: 'requested', amountFen: order.paidFen, storeId }),
    );
    const admin = await h.signIn('demo-admin');
    const adminList = await request(h.base).get('/api/staff/refund-requests?status=all').set(admin.auth);
    expect(adminList.body.items.map((r: { id: number }) => r.id)).toContain(asked.body.id);

    const approved = await approve(managerAuth, asked.body.id);
    expect(approved.status).toBe(200);
    expect(['processing', 'succeeded']).toContain(approved.body.status);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect((await approve(managerAuth, asked.body.id)).status).toBe(409);
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
    expect(await h.stockRow(skuId, storeId)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    expect(await auditOf(asked.body.id)).toEqual([expect.objectContaining({ action: 'refund.approve', storeId })]);
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'succeeded', decidedAt: expect.any(Date) });
  });

  it('rejects with a note the customer reads; no money moves and the order carries on', async () => {
    const { auth } = await h.signIn('as-reject');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.markReady(order.id);
    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    const { auth: managerAuth } = await h.signIn('demo-manager-1');

    expect((await reject(managerAuth, asked.body.id, {})).status).toBe(400);
    const rejected = await reject(managerAuth, asked.body.id, { note: '商品已按您的要求定制，无法退款' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusLabel: '已拒绝', decisionNote: '商品已按您的要求定制，无法退款' });
    expect((await approve(managerAuth, asked.body.id)).status).toBe(409);

    expect(h.wechatRefunds(order.orderNo)).toHaveLength(0);
    expect(await h.orderRow(order.id)).toMatchObject({ status: 'ready_for_pickup', refundedFen: 0 });
    expect(await auditOf(asked.body.id)).toEqual([expect.objectContaining({ action: 'refund.reject' })]);
    const detail = await request(h.base).get(`/api/orders/${order.id}`).set(auth);
    expect(detail.body.refunds).toEqual([expect.objectContaining({ status: 'rejected', decisionNote: '商品已按您的要求定制，无法退款' })]);
    // A rejected request holds nothing: the customer may ask again.
    expect((await h.askRefund(auth, order.id, { reason: '还是想退' })).status).toBe(201);
  });

  it('refunds part of an unpicked order, then the rest: the stock ends exactly where it started', async () => {
    const { auth } = await h.signIn('as-unpicked');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const before = await h.stockRow(skuId, storeId);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 3 }]);
    await h.markReady(order.id);
    const [line] = (await request(h.base).get(`/api/orders/${order.id}`).set(auth)).body.items;
    const { auth: managerAuth } = await h.signIn('demo-manager-1');

    const first = await h.askRefund(auth, order.id, { reason: '少要一件', lines: [{ orderLineId: line.lineId, qty: 1 }] });
    await approve(managerAuth, first.body.id);
    await eventually(async () => expect((await h.refundRow(first.body.id)).status).toBe('succeeded'));
    // The reservation still holds 3 (handover takes it whole); the refunded unit is sellable again.
    const mid = await h.stockRow(skuId, storeId);
    expect(mid.onHand - mid.reserved).toBe(before.onHand - before.reserved - 2);

    const rest = await h.askRefund(auth, order.id, { reason: '都不要了' });
    expect(rest.body.amountFen).toBe(order.paidFen - first.body.amountFen);
    await approve(managerAuth, rest.body.id);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(await h.stockRow(skuId, storeId)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    expect(await checkLedger(h.deps.db)).toEqual([]);
  });

  it('escalates a request nobody answered within 48 h, once, however often the job runs', async () => {
    const { auth } = await h.signIn('as-escalate');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.markReady(order.id);
    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    const escalations = () =>
      h.deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `after_sale.escalated:${asked.body.id}`));

    h.clock.advance(47 * 3_600_000);
    await escalateOverdueRequests(h.deps);
    expect(await escalations()).toHaveLength(0);
    expect((await h.orderRow(order.id)).flaggedReason).toBeNull();

    h.clock.advance(3_600_000 + 1);
    await Promise.all([escalateOverdueRequests(h.deps), escalateOverdueRequests(h.deps)]);
    await orderJobs['escalate-refund-requests'](h.deps, undefined as never);
    expect(await escalations()).toEqual([
      expect.objectContaining({ topic: 'after_sale.escalated', payload: expect.objectContaining({ orderId: order.id }) }),
    ]);
    expect((await h.orderRow(order.id)).flaggedReason).toBe(ESCALATED_REASON);

    // Answering it clears the escalation flag.
    await reject((await h.signIn('demo-manager-1')).auth, asked.body.id, { note: '已与顾客电话沟通' });
    expect((await h.orderRow(order.id)).flaggedReason).toBeNull();
  });

  it('refuses bad requests and writes nothing', async () => {
    const { auth } = await h.signIn('as-bad');
    const other = await h.signIn('as-bad-other');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }]);
    const [line] = (await request(h.base).get(`/api/orders/${order.id}`).set(auth)).body.items;

    const cases: [object, Record<string, string> | null, number, string][] = [
      [{ reason: '多退', lines: [{ orderLineId: line.lineId, qty: 3 }] }, null, 422, 'REFUND_QTY_EXCEEDS'],
      [{ reason: '没买过', lines: [{ orderLineId: 99_999_999, qty: 1 }] }, null, 422, 'REFUND_LINE_NOT_FOUND'],
      [{ lines: [{ orderLineId: line.lineId, qty: 1 }] }, null, 400, 'VALIDATION_FAILED'],
      [{ reason: '   ' }, null, 400, 'VALIDATION_FAILED'],
      [{ reason: '长'.repeat(201) }, null, 400, 'VALIDATION_FAILED'],
      [{ reason: '数量', lines: [{ orderLineId: line.lineId, qty: 0 }] }, null, 400, 'VALIDATION_FAILED'],
      [
        {
          reason: '重复',
          lines: [
            { orderLineId: line.lineId, qty: 1 },
            { orderLineId: line.lineId, qty: 1 },
          ],
        },
        null,
        400,
        'VALIDATION_FAILED',
      ],
      [{ reason: '别人的' }, other.auth, 404, 'ORDER_NOT_FOUND'],
    ];
    for (const [body, as, status, code] of cases) {
      const res = await h.askRefund(as ?? auth, order.id, body);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(typeof res.body.message).toBe('string');
    }
    const noKey = await request(h.base).post(`/api/orders/${order.id}/refund-requests`).set(auth).send({ reason: '没带幂等键' });
    expect(noKey.status).toBe(400);

    const unpaid = await request(h.base)
      .post('/api/orders')
      .set(auth)
      .set('Idempotency-Key', newKey('order'))
      .send({ items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId }, couponId: null });
    const tooEarly = await h.askRefund(auth, unpaid.body.order.id, { reason: '还没付款' });
    expect([tooEarly.status, tooEarly.body]).toEqual([
      422,
      expect.objectContaining({ code: 'REFUND_NOT_ALLOWED', message: '当前订单状态不支持退款' }),
    ]);

    expect(await h.refundsOf(order.id)).toHaveLength(0);
    expect(await h.refundsOf(unpaid.body.order.id)).toHaveLength(0);
    expect(await requestEvents(order.id)).toHaveLength(0);
    expect(await h.orderRow(order.id)).toMatchObject({ status: 'preparing', refundedFen: 0, flaggedReason: null });
  });

  it('makes one refund for 10 concurrent requests with the same Idempotency-Key, and never over-refunds across keys', async () => {
    const { auth } = await h.signIn('as-concurrent');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }]);
    await h.makeUnprepared(order.id);

    const key = newKey('same');
    const same = await Promise.all(Array.from({ length: 10 }, () => h.askRefund(auth, order.id, { reason: '不想要了' }, key)));
    expect(same.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(same.map((r) => r.body.id)).size).toBe(1);
    expect(await h.refundsOf(order.id)).toHaveLength(1);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);

    const second = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }]);
    const racing = await Promise.all(Array.from({ length: 6 }, () => h.askRefund(auth, second.id, { reason: '不想要了' })));
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    expect(racing.filter((r) => r.status === 422).map((r) => r.body.code)).toEqual(Array(5).fill('REFUND_NOTHING_LEFT'));
    const held = await h.deps.db.select().from(refunds).where(eq(refunds.orderId, second.id));
    expect(held.map((r) => r.amountFen)).toEqual([second.paidFen]);
  });

  it('registers the refund jobs on the orders queue', () => {
    expect(Object.keys(orderJobs)).toEqual(expect.arrayContaining(['retry-refunds', 'escalate-refund-requests']));
  });
});
