import { and, eq, like } from 'drizzle-orm';
import { orderLines, orders, outbox } from '@shop/db';
import { ESCALATED_REASON, escalateOverdueRequests } from '../../src/modules/refund';
import { eventually, newKey, startHarness, type Harness } from './harness';

/*
 * Issue 10: a refund's idempotency lives on the refund (refunds.request_key, unique per order) and
 * an escalation's "once" on refunds.escalated_at. The outbox rows are messages only: deleting them
 * (the purge job does, past their retention) changes nothing a customer or a manager sees.
 */
describe('refund request keys and the once of escalation, without the outbox', () => {
  let h: Harness;
  let storeId: number;

  beforeAll(async () => {
    h = await startHarness('request-key');
    storeId = await h.storeOf('demo-manager-1');
  });
  afterAll(() => h.close());

  const requestedRows = (orderId: number) =>
    h.deps.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `refund.requested:${orderId}:%`));
  const escalatedRows = (refundId: number) =>
    h.deps.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.topic, 'after_sale.escalated'), eq(outbox.dedupeKey, `after_sale.escalated:${refundId}`)));

  it('answers a retried request with the same refund after its outbox record was deleted', async () => {
    const { auth } = await h.signIn('rk-retry');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }]);
    const key = newKey('retry');

    const first = await h.askRefund(auth, order.id, { reason: '不想要了' }, key);
    expect(first.status).toBe(201);
    expect(await requestedRows(order.id)).toHaveLength(1);
    await h.deps.db.delete(outbox).where(like(outbox.dedupeKey, `refund.requested:${order.id}:%`));

    const retried = await h.askRefund(auth, order.id, { reason: '不想要了' }, key);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: first.body.id, outRefundNo: first.body.outRefundNo, amountFen: order.paidFen });
    expect((await h.refundsOf(order.id)).map((r) => [r.id, r.requestKey])).toEqual([[first.body.id, key]]);
    // The retry found the refund and wrote nothing: no second history row either.
    expect(await requestedRows(order.id)).toHaveLength(0);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with another body (422) and refunds nothing more', async () => {
    const { auth } = await h.signIn('rk-reused');
    const [a, b] = await h.stockedSkus(storeId, 2);
    const order = await h.paidOrder(auth, storeId, [
      { skuId: a, qty: 1 },
      { skuId: b, qty: 1 },
    ]);
    const lines = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(orderLines.id);
    const key = newKey('reused');

    const first = await h.askRefund(auth, order.id, { reason: '拍错了', lines: [{ orderLineId: lines[0].id, qty: 1 }] }, key);
    expect(first.status).toBe(201);
    const other = await h.askRefund(auth, order.id, { reason: '拍错了', lines: [{ orderLineId: lines[1].id, qty: 1 }] }, key);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: expect.stringContaining('该请求编号已用于另一笔不同的退款申请'),
    });
    const same = await h.askRefund(auth, order.id, { lines: [{ qty: 1, orderLineId: lines[0].id }], reason: '拍错了' }, key);
    expect(same.status).toBe(201);
    expect(same.body.id).toBe(first.body.id);
    expect(await h.refundsOf(order.id)).toHaveLength(1);
  });

  it('makes exactly one refund for two parallel requests with one Idempotency-Key', async () => {
    const { auth } = await h.signIn('rk-parallel');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    const key = newKey('parallel');

    const both = await Promise.all([0, 1].map(() => h.askRefund(auth, order.id, { reason: '拍错了' }, key)));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both[0].body.id).toBe(both[1].body.id);
    expect(await h.refundsOf(order.id)).toEqual([
      expect.objectContaining({ id: both[0].body.id, requestKey: key, amountFen: order.paidFen }),
    ]);
    expect(await requestedRows(order.id)).toHaveLength(1);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
  });

  it('escalates an overdue request exactly once when two runs race, and escalated_at (not the outbox) keeps it once', async () => {
    const { auth } = await h.signIn('rk-escalate');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.markReady(order.id);
    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    expect(asked.body.status).toBe('requested');
    expect((await h.refundRow(asked.body.id)).escalatedAt).toBeNull();

    h.clock.advance(48 * 3_600_000 + 1);
    const escalatedAt = h.clock.now();
    const runs = await Promise.all([escalateOverdueRequests(h.deps), escalateOverdueRequests(h.deps)]);
    // This is the only request waiting for review in this file's database.
    expect(runs.map((r) => r.escalated).sort()).toEqual([0, 1]);
    expect(await escalatedRows(asked.body.id)).toEqual([
      expect.objectContaining({ status: 'done', payload: expect.objectContaining({ refundId: asked.body.id, orderId: order.id }) }),
    ]);
    expect((await h.refundRow(asked.body.id)).escalatedAt).toEqual(escalatedAt);
    expect((await h.orderRow(order.id)).flaggedReason).toBe(ESCALATED_REASON);

    // Lose the message and the flag: a later run still leaves the request alone (flagged once).
    await h.deps.db.delete(outbox).where(eq(outbox.dedupeKey, `after_sale.escalated:${asked.body.id}`));
    await h.deps.db.update(orders).set({ flaggedReason: null }).where(eq(orders.id, order.id));
    h.clock.advance(3_600_000);
    expect(await escalateOverdueRequests(h.deps)).toEqual({ escalated: 0 });
    expect(await escalatedRows(asked.body.id)).toHaveLength(0);
    expect((await h.orderRow(order.id)).flaggedReason).toBeNull();
    expect((await h.refundRow(asked.body.id)).escalatedAt).toEqual(escalatedAt);
  });
});
