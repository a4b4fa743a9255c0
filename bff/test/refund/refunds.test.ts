import { and, eq, inArray } from 'drizzle-orm';
import { inventoryLedger, members, orderEvents, orderLines, pointsLedger, userCoupons } from '@shop/db';
import request from 'supertest';
import { checkLedger } from '../../src/modules/inventory/service';
import { retryDelayMs } from '../../src/modules/refund/amounts';
import { retryDueRefunds, settleRefund } from '../../src/modules/refund';
import { eventually, startHarness, type Harness } from './harness';

describe('refunds through WeChat Pay (sandbox)', () => {
  let h: Harness;
  let storeId: number;

  beforeAll(async () => {
    h = await startHarness('refunds');
    storeId = await h.storeOf('demo-manager-1');
  });
  afterAll(() => h.close());

  const linesOf = (orderId: number) => h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
  const manager = () => h.signIn('demo-manager-1');

  it('refunds a paid, not yet prepared order at once: once at WeChat, settled once despite 5 duplicate notifications; stock and coupon back', async () => {
    const { auth, memberId } = await h.signIn('rf-full');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const couponId = await h.giveCoupon(memberId);
    const before = await h.stockRow(skuId, storeId);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 2 }], couponId);
    expect(order.couponDiscountFen).toBeGreaterThan(0);
    await h.makeUnprepared(order.id);

    await h.sandbox.fault({ api: 'notify', kind: 'duplicate', value: 5, times: 1 });
    const asked = await h.askRefund(auth, order.id, { reason: '拼团等太久了，不想要了' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ amountFen: order.paidFen, source: 'customer', lines: [{ qty: 2, amountFen: order.paidFen }] });
    expect(['processing', 'succeeded']).toContain(asked.body.status);

    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    // All five copies answered 204 before we look at what they did.
    await eventually(async () => {
      const copies = h.refundNotifications(asked.body.outRefundNo);
      expect(copies).toHaveLength(5);
      expect(copies.every((n) => n.attempts.some((a) => a.status === 204))).toBe(true);
    });

    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
    expect(h.wechatRefunds(order.orderNo)[0].amount).toMatchObject({ refund: order.paidFen, total: order.paidFen });
    const after = await h.orderRow(order.id);
    expect(after.refundedFen).toBe(order.paidFen);
    expect(await linesOf(order.id)).toEqual([expect.objectContaining({ qty: 2, refundedQty: 2, refundedFen: order.paidFen })]);
    const [refund] = await h.refundsOf(order.id);
    expect(refund).toMatchObject({ status: 'succeeded', wechatStatus: 'SUCCESS', attempts: 1 });

    expect(await h.stockRow(skuId, storeId)).toMatchObject({ onHand: before.onHand, reserved: before.reserved });
    const releases = await h.deps.db
      .select()
      .from(inventoryLedger)
      .where(and(eq(inventoryLedger.reference, order.orderNo), eq(inventoryLedger.kind, 'release')));
    expect(releases).toHaveLength(1);
    expect(await checkLedger(h.deps.db)).toEqual([]);
    expect((await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, couponId)))[0]).toMatchObject({
      status: 'available',
      usedOrderId: null,
    });
    const refundedEvents = await h.deps.db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toStatus, 'refunded')));
    expect(refundedEvents).toHaveLength(1);
    // Never completed, so no points were credited and none are taken back.
    expect(await h.deps.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, memberId))).toHaveLength(0);

    const detail = await request(h.base).get(`/api/orders/${order.id}`).set(auth);
    expect(detail.body).toMatchObject({
      status: 'refunded',
      refundedFen: order.paidFen,
      refunds: [{ status: 'succeeded', statusLabel: '已退款', amountFen: order.paidFen }],
    });
  });

  it('refunds a completed order by lines in two parts that sum exactly to what was paid; points go back in proportion', async () => {
    const { auth, memberId } = await h.signIn('rf-partial');
    const [skuA, skuB] = await h.stockedSkus(storeId, 2);
    const beforeA = await h.stockRow(skuA, storeId);
    const beforeB = await h.stockRow(skuB, storeId);
    const order = await h.paidOrder(auth, storeId, [
      { skuId: skuA, qty: 3 },
      { skuId: skuB, qty: 2 },
    ]);
    await h.complete(order.id);
    const [member] = await h.deps.db.select().from(members).where(eq(members.id, memberId));
    const credited = Math.floor(order.paidFen / 100);
    expect(member.pointsBalance).toBe(credited);
    const [lineA, lineB] = await linesOf(order.id);
    const { auth: managerAuth } = await manager();

    const first = await h.askRefund(auth, order.id, { reason: '有一件破损', lines: [{ orderLineId: lineA.id, qty: 1 }] });
    expect(first.status).toBe(201);
    const firstFen = Math.floor(lineA.payableFen / 3);
    expect(first.body).toMatchObject({
      status: 'requested',
      amountFen: firstFen,
      lines: [{ orderLineId: lineA.id, qty: 1, amountFen: firstFen }],
    });
    expect((await request(h.base).post(`/api/staff/refund-requests/${first.body.id}/approve`).set(managerAuth)).status).toBe(200);
    await eventually(async () => expect((await h.refundRow(first.body.id)).status).toBe('succeeded'));
    expect((await h.orderRow(order.id)).status).toBe('completed'); // partial: the order stays
    const reversedFirst = Math.floor((credited * firstFen) / order.paidFen);
    expect((await h.deps.db.select().from(members).where(eq(members.id, memberId)))[0].pointsBalance).toBe(credited - reversedFirst);

    const second = await h.askRefund(auth, order.id, {
      reason: '全部退掉',
      lines: [
        { orderLineId: lineA.id, qty: 2 },
        { orderLineId: lineB.id, qty: 2 },
      ],
    });
    expect(second.status).toBe(201);
    expect(second.body.amountFen).toBe(lineA.payableFen - firstFen + lineB.payableFen);
    expect((await request(h.base).post(`/api/staff/refund-requests/${second.body.id}/approve`).set(managerAuth)).status).toBe(200);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));

    expect(firstFen + second.body.amountFen).toBe(order.paidFen);
    expect((await h.orderRow(order.id)).refundedFen).toBe(order.paidFen);
    expect((await linesOf(order.id)).map((l) => [l.refundedQty, l.refundedFen])).toEqual([
      [3, lineA.payableFen],
      [2, lineB.payableFen],
    ]);
    const reversals = await h.deps.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.memberId, memberId), eq(pointsLedger.reason, 'refund_reversal')));
    expect(reversals.reduce((sum, r) => sum + r.delta, 0)).toBe(-credited);
    const memberAfter = (await h.deps.db.select().from(members).where(eq(members.id, memberId)))[0];
    expect(memberAfter).toMatchObject({ pointsBalance: 0, totalSpentFen: 0 });
    // Handed over, then brought back: on hand is where it started.
    expect(await h.stockRow(skuA, storeId)).toMatchObject({ onHand: beforeA.onHand, reserved: beforeA.reserved });
    expect(await h.stockRow(skuB, storeId)).toMatchObject({ onHand: beforeB.onHand, reserved: beforeB.reserved });
    expect(await checkLedger(h.deps.db)).toEqual([]);
    expect(h.wechatRefunds(order.orderNo).map((r) => r.amount.refund)).toEqual([firstFen, second.body.amountFen]);
  });

  it('retries a refund that fails twice with backoff; the third call succeeds and WeChat holds one refund', async () => {
    const { auth } = await h.signIn('rf-retry');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'refund', kind: 'http_error', value: 500, times: 2 });

    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    expect(asked.body.status).toBe('processing');
    let refund = await h.refundRow(asked.body.id);
    expect(refund).toMatchObject({ attempts: 1, wechatStatus: null, lastError: expect.stringContaining('500') });
    expect(refund.nextAttemptAt!.getTime() - h.clock.now().getTime()).toBe(30_000);

    expect(await retryDueRefunds(h.deps)).toEqual({ checked: 0, succeeded: 0 }); // not due yet
    h.clock.advance(30_000);
    await retryDueRefunds(h.deps);
    refund = await h.refundRow(asked.body.id);
    expect(refund).toMatchObject({ status: 'processing', attempts: 2 });
    expect(refund.nextAttemptAt!.getTime() - h.clock.now().getTime()).toBe(120_000);

    h.clock.advance(120_000);
    await retryDueRefunds(h.deps);
    expect(await h.refundRow(asked.body.id)).toMatchObject({ attempts: 3, wechatStatus: expect.stringMatching(/PROCESSING|SUCCESS/) });
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(1);
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'succeeded', lastError: null, nextAttemptAt: null });
  });

  it('asks WeChat about an accepted refund whose notification never came; a notification racing the query settles once', async () => {
    const { auth } = await h.signIn('rf-query');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'notify', kind: 'drop', times: 1 });

    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    await eventually(async () => expect(h.wechatRefunds(order.orderNo)[0]?.status).toBe('SUCCESS'));
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'processing', wechatStatus: 'PROCESSING' });
    h.clock.advance(60_000);
    expect((await retryDueRefunds(h.deps)).checked).toBe(0); // WeChat gets a few minutes to notify
    h.clock.advance(5 * 60_000);

    const outRefundNo = asked.body.outRefundNo as string;
    const [job, ...notifications] = await Promise.all([
      retryDueRefunds(h.deps),
      settleRefund(h.deps, { outRefundNo, status: 'SUCCESS', refundFen: asked.body.amountFen }),
      settleRefund(h.deps, { outRefundNo, status: 'SUCCESS', refundFen: asked.body.amountFen }),
    ]);
    expect(job).toEqual({ checked: 1, succeeded: 1 });
    expect(notifications.filter((o) => o === 'succeeded').length).toBeLessThanOrEqual(1);
    expect(notifications.filter((o) => o !== 'succeeded')).toEqual(notifications.filter((o) => o === 'already_settled'));
    // Settled exactly once: the money, the timeline and the stock moved one time.
    expect(await h.orderRow(order.id)).toMatchObject({ status: 'refunded', refundedFen: order.paidFen });
    expect(
      await h.deps.db
        .select()
        .from(orderEvents)
        .where(and(eq(orderEvents.orderId, order.id), eq(orderEvents.toStatus, 'refunded'))),
    ).toHaveLength(1);
    expect(
      await h.deps.db
        .select()
        .from(inventoryLedger)
        .where(and(eq(inventoryLedger.reference, order.orderNo), eq(inventoryLedger.kind, 'release'))),
    ).toHaveLength(1);
    expect(await checkLedger(h.deps.db)).toEqual([]);
  });

  it('keeps an ABNORMAL refund processing and flags the order for staff', async () => {
    const { auth } = await h.signIn('rf-abnormal');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'refund', kind: 'abnormal', times: 1 });

    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    await eventually(async () => expect((await h.refundRow(asked.body.id)).wechatStatus).toBe('ABNORMAL'));
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'processing' });
    const after = await h.orderRow(order.id);
    expect(after).toMatchObject({ status: 'awaiting_group', refundedFen: 0 });
    expect(after.flaggedReason).toContain('退款异常');
    expect(after.flaggedReason).toContain(asked.body.outRefundNo);
    // Nothing moved: the goods are still held for the order.
    expect(
      await h.deps.db
        .select()
        .from(inventoryLedger)
        .where(inArray(inventoryLedger.reference, [order.orderNo, asked.body.outRefundNo])),
    ).toHaveLength(1);
  });

  it('fails a refund after the last retry and flags the order; staff retry it later with the same refund number', async () => {
    const { auth } = await h.signIn('rf-exhausted');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'refund', kind: 'http_error', value: 500, times: 8 });

    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    for (let attempt = 1; attempt < 8; attempt++) {
      expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'processing', attempts: attempt });
      h.clock.advance(retryDelayMs(attempt));
      await retryDueRefunds(h.deps);
    }
    const failed = await h.refundRow(asked.body.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null });
    expect((await h.orderRow(order.id)).flaggedReason).toContain('重试 8 次');
    expect(h.wechatRefunds(order.orderNo)).toHaveLength(0);
    h.clock.advance(24 * 3_600_000);
    await retryDueRefunds(h.deps);
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'failed', attempts: 8 }); // failed refunds wait for a human

    // The customer cannot claim the same money twice while staff handle it.
    const again = await h.askRefund(auth, order.id, { reason: '怎么还没退' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('REFUND_NOTHING_LEFT');

    const retried = await request(h.base)
      .post(`/api/staff/refund-requests/${asked.body.id}/retry`)
      .set((await manager()).auth);
    expect(retried.status).toBe(200);
    await eventually(async () => expect((await h.orderRow(order.id)).status).toBe('refunded'));
    expect(h.wechatRefunds(order.orderNo).map((r) => r.out_refund_no)).toEqual([asked.body.outRefundNo]);
    expect((await h.orderRow(order.id)).flaggedReason).toBeNull();
  });

  it('fails at once and flags the order when WeChat refuses for a business reason', async () => {
    const { auth } = await h.signIn('rf-refused');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'refund', kind: 'errcode', value: 'NOT_ENOUGH', times: 1 });

    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    expect(asked.body.status).toBe('failed');
    expect(await h.refundRow(asked.body.id)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('NOT_ENOUGH') });
    expect((await h.orderRow(order.id)).flaggedReason).toContain('微信拒绝退款');
  });

  it('applies nothing when WeChat’s amount disagrees with ours: the order is flagged and the refund leaves the retry job', async () => {
    const { auth } = await h.signIn('rf-mismatch');
    const [skuId] = await h.stockedSkus(storeId, 1);
    const order = await h.paidOrder(auth, storeId, [{ skuId, qty: 1 }]);
    await h.makeUnprepared(order.id);
    await h.sandbox.fault({ api: 'notify', kind: 'drop', times: 1 });
    const asked = await h.askRefund(auth, order.id, { reason: '不想要了' });
    const outRefundNo = asked.body.outRefundNo as string;

    expect(await settleRefund(h.deps, { outRefundNo, status: 'SUCCESS', refundFen: asked.body.amountFen - 1 })).toBe('flagged');
    expect(await h.orderRow(order.id)).toMatchObject({
      status: 'awaiting_group',
      refundedFen: 0,
      flaggedReason: expect.stringContaining('退款信息不一致'),
    });
    expect(await h.refundRow(asked.body.id)).toMatchObject({ status: 'processing', nextAttemptAt: null });
    expect(await settleRefund(h.deps, { outRefundNo: 'RF-unknown-01', status: 'SUCCESS' })).toBe('unknown_refund');

    // WeChat's real answer settles it, and the flag this refund raised goes away.
    expect(await settleRefund(h.deps, { outRefundNo, status: 'SUCCESS', refundFen: asked.body.amountFen })).toBe('succeeded');
    expect(await h.orderRow(order.id)).toMatchObject({ status: 'refunded', flaggedReason: null });
  });

  it('answers refund notifications like payment ones: a forged one is refused with 401 FAIL', async () => {
    const forged = await request(h.base).post('/api/pay/refund-notify').set('Wechatpay-Signature', 'AAAA').send({ id: 'x', resource: {} });
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ code: 'FAIL', message: '签名验证失败' });
  });
});
