import http from 'node:http';
import { and, eq, gt } from 'drizzle-orm';
import { couponTemplates, inventory, orders, products, refunds, skus, staff, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { commit } from '../../src/modules/inventory/service';
import { creditCompletedOrder } from '../../src/modules/member/points';
import { findOrder } from '../../src/modules/order/queries';
import { applyOrderEvent } from '../../src/modules/order/transitions';
import { freePort } from '../../../scripts/src/lib/processes';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { eventually } from '../support/eventually';
export { eventually };

let keys = 0;
export const newKey = (prefix = 'rk') => `${prefix}-${process.pid}-${Date.now()}-${++keys}`;

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * A real BFF on a real port (the sandbox posts payment and refund notifications to it), its own
 * seeded MariaDB database, the run's Redis and the WeChat sandbox with fast-settling refunds.
 */
export async function startHarness(label: string) {
  const clock = testClock(new Date());
  const sandbox: TestSandbox = await startTestSandbox({ refundSettleMs: 50 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deps: TestDeps = await createTestDeps({ label, wechat: sandbox.wechat, now: clock.now, env: { PUBLIC_BASE_URL: base } });
  await seedDemo(deps.db, clock.now());
  const server = http.createServer(buildApp(deps).callback());
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));

  async function signIn(openid: string) {
    const code = await sandbox.loginCode(openid);
    const { token, user } = (await request(base).post('/api/auth/login').send({ code })).body;
    return { auth: { Authorization: `Bearer ${token}` }, memberId: user.id as number };
  }

  /** The store where a demo manager works (store staff act only there). */
  async function storeOf(openid: string): Promise<number> {
    const { memberId } = await signIn(openid);
    const [row] = await deps.db.select({ storeId: staff.storeId }).from(staff).where(eq(staff.memberId, memberId));
    return row.storeId!;
  }

  /** SKUs on sale with plenty of unreserved stock at the store, different from `not`. */
  async function stockedSkus(storeId: number, count: number, not: number[] = []): Promise<number[]> {
    const rows = await deps.db
      .select({ skuId: inventory.skuId })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(
        and(
          eq(inventory.storeId, storeId),
          gt(inventory.onHand, 30),
          eq(inventory.reserved, 0),
          eq(products.status, 'on_sale'),
          eq(skus.status, 'active'),
          gt(skus.priceFen, 2000),
        ),
      )
      .limit(200);
    // Each test takes SKUs of its own so stock assertions are not disturbed by the others.
    const free = rows.map((r) => r.skuId).filter((id) => !not.includes(id) && !taken.has(id));
    const picked = free.slice(0, count);
    if (picked.length < count) throw new Error('not enough stocked SKUs for the test');
    for (const id of picked) taken.add(id);
    return picked;
  }
  const taken = new Set<number>();

  const stockRow = async (skuId: number, storeId: number) =>
    (
      await deps.db
        .select()
        .from(inventory)
        .where(and(eq(inventory.skuId, skuId), eq(inventory.storeId, storeId)))
    )[0];
  const orderRow = async (id: number) => (await deps.db.select().from(orders).where(eq(orders.id, id)))[0];
  const refundsOf = (orderId: number) => deps.db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(refunds.id);
  const refundRow = async (id: number) => (await deps.db.select().from(refunds).where(eq(refunds.id, id)))[0];

  /** A no-threshold coupon in the member's wallet, valid for a day. */
  async function giveCoupon(memberId: number): Promise<number> {
    const [template] = await deps.db.select().from(couponTemplates).where(eq(couponTemplates.kind, 'no_threshold')).limit(1);
    const [inserted] = await deps.db.insert(userCoupons).values({
      templateId: template.id,
      memberId,
      code: `9${Date.now()}${keys++}`.slice(0, 20),
      issueKey: newKey('test'),
      source: 'center',
      validFrom: new Date(clock.now().getTime() - 3600_000),
      validTo: new Date(clock.now().getTime() + 86_400_000),
    });
    return inserted.insertId;
  }

  /** Creates an order and pays it through the sandbox, the way the customer does; it lands in preparing. */
  async function paidOrder(auth: Record<string, string>, storeId: number, items: { skuId: number; qty: number }[], couponId?: number) {
    const created = await request(base)
      .post('/api/orders')
      .set(auth)
      .set('Idempotency-Key', newKey('order'))
      .send({ items, fulfillment: { type: 'pickup', storeId }, couponId: couponId ?? null });
    if (created.status !== 201) throw new Error(`order: ${created.status} ${JSON.stringify(created.body)}`);
    const prepayId = String(created.body.payment.package).replace('prepay_id=', '');
    await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prepay_id: prepayId }),
    });
    const orderId = created.body.order.id as number;
    await eventually(async () => expect((await orderRow(orderId)).status).toBe('preparing'));
    return orderRow(orderId);
  }

  /**
   * A group order waits in awaiting_group (拼团中), also refunded without review. Group buying
   * is not built yet, so tests put a paid order there directly.
   */
  async function makeUnprepared(orderId: number): Promise<void> {
    await deps.db.update(orders).set({ status: 'awaiting_group' }).where(eq(orders.id, orderId));
  }

  /** The store finished preparing: from now on an after-sale request waits for review. */
  async function markReady(orderId: number): Promise<void> {
    await deps.db.transaction(async (tx) => {
      const order = (await findOrder(tx, orderId))!;
      await applyOrderEvent(tx, order, 'mark_ready', { type: 'staff' });
    });
  }

  /** Hands the order over at the store: ready, completed, reservation committed, points credited. */
  async function complete(orderId: number): Promise<void> {
    await deps.db.transaction(async (tx) => {
      const order = (await findOrder(tx, orderId))!;
      const ready = await applyOrderEvent(tx, order, 'mark_ready', { type: 'staff' });
      await applyOrderEvent(tx, { id: order.id, status: ready }, 'complete', { type: 'staff' });
      await commit(tx, { storeId: order.storeId, reference: order.orderNo, actor: { type: 'staff' }, at: clock.now() });
      await creditCompletedOrder(tx, { memberId: order.memberId!, orderNo: order.orderNo, paidFen: order.paidFen });
    });
  }

  function askRefund(auth: Record<string, string>, orderId: number, body: object, key = newKey()) {
    return request(base).post(`/api/orders/${orderId}/refund-requests`).set(auth).set('Idempotency-Key', key).send(body);
  }

  /** What the sandbox recorded for an order: refunds accepted, and refund notifications. */
  const wechatRefunds = (orderNo: string) => [...sandbox.state.refunds.values()].filter((r) => r.out_trade_no === orderNo);
  const refundNotifications = (outRefundNo: string) => sandbox.state.notifications.filter((n) => n.out_refund_no === outRefundNo);

  async function close(): Promise<void> {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await deps.close();
    await sandbox.close();
  }

  return {
    clock,
    sandbox,
    deps,
    base,
    signIn,
    storeOf,
    stockedSkus,
    stockRow,
    orderRow,
    refundsOf,
    refundRow,
    giveCoupon,
    paidOrder,
    makeUnprepared,
    markReady,
    complete,
    askRefund,
    wechatRefunds,
    refundNotifications,
    close,
  };
}
