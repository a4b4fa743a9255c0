import { eq, inArray, sql } from 'drizzle-orm';
import { flashSales, groups, orderLines, orders, skus, userCoupons } from '@shop/db';
import request from 'supertest';
import { checkConsistency, formatReport } from '../../src/consistency';
import { expireGroup } from '../../src/modules/groupbuy/lifecycle';
import { closeIfOverdue } from '../../src/modules/checkout/close';
import { relayOutbox } from '../../src/jobs/outbox-relay';
import {
  createCampaign,
  createOrder,
  orderRow,
  pay,
  pickup,
  signIn,
  startHarness,
  stockedSku,
  waitForStatus,
  type Customer,
  type Harness,
} from '../groupbuy/harness';
import { eventually } from '../support/eventually';

/**
 * The checker states the rules the code really keeps: after every lifecycle the other test file
 * does not drive — a group that fills, a group that fails and is refunded (with an unpaid seat
 * closed later), a flash-sale order, an unpaid order cancelled with its coupon, a full refund
 * before handover giving the coupon back — it finds nothing, at every step.
 */

jest.setTimeout(120_000);

let h: Harness;
const taken = new Set<number>();

beforeAll(async () => {
  h = await startHarness('consistency-life');
});
afterAll(async () => {
  await h?.close();
});

async function expectClean(step: string): Promise<void> {
  const report = await checkConsistency(h.deps.db, h.clock.now());
  if (!report.ok) throw new Error(`after ${step}:\n${formatReport(report)}`);
}

const groupOrder = (campaign: { id: number; skuId: number }, groupId?: number) => ({
  items: [{ skuId: campaign.skuId, qty: 1 }],
  fulfillment: pickup,
  activity: { type: 'group', campaignId: campaign.id, ...(groupId ? { groupId } : {}) },
});

async function paidGroupOrder(customer: Customer, campaign: { id: number; skuId: number }, groupId?: number) {
  const created = await createOrder(h, customer, groupOrder(campaign, groupId));
  expect(created.status).toBe(201);
  await pay(h, created);
  return { orderId: created.body.order.id as number, groupId: created.body.order.group.id as number };
}

async function giveCoupon(memberId: number): Promise<number> {
  const now = h.clock.now();
  // any no-threshold template of the seed
  const [rows] = (await h.deps.db.execute(
    sql`SELECT id FROM coupon_templates WHERE kind = 'no_threshold' ORDER BY id LIMIT 1`,
  )) as unknown as [{ id: number }[]];
  const templateId = rows[0].id;
  const [inserted] = await h.deps.db.insert(userCoupons).values({
    templateId,
    memberId,
    code: `8${String(now.getTime()).slice(-9)}${Math.floor(Math.random() * 1e6)}`.slice(0, 16),
    issueKey: `test-${Math.random().toString(36).slice(2)}`,
    source: 'center',
    validFrom: new Date(now.getTime() - 3600_000),
    validTo: new Date(now.getTime() + 86_400_000),
  });
  return inserted.insertId;
}

describe('consistency checker after real lifecycles', () => {
  it('a group that fills: both members paid, orders in preparation', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2 });
    const [leader, joiner] = await Promise.all([signIn(h, 'cc-fill-0'), signIn(h, 'cc-fill-1')]);
    const first = await paidGroupOrder(leader, campaign);
    await waitForStatus(h, first.orderId, 'awaiting_group');
    await expectClean('the leader paid');
    const second = await paidGroupOrder(joiner, campaign, first.groupId);
    await waitForStatus(h, second.orderId, 'preparing');
    await waitForStatus(h, first.orderId, 'preparing');
    expect((await h.deps.db.select().from(groups).where(eq(groups.id, first.groupId)))[0].status).toBe('succeeded');
    await expectClean('the group filled');
  });

  it('a group that fails: paid members refunded in full, the unpaid seat closed at its deadline', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 3, fillSeconds: 600 });
    const [leader, paid, unpaid] = await Promise.all([0, 1, 2].map((i) => signIn(h, `cc-fail-${i}`)));
    const first = await paidGroupOrder(leader, campaign);
    await waitForStatus(h, first.orderId, 'awaiting_group');
    const second = await paidGroupOrder(paid, campaign, first.groupId);
    await waitForStatus(h, second.orderId, 'awaiting_group');
    const third = await createOrder(h, unpaid, groupOrder(campaign, first.groupId));
    expect(third.status).toBe(201);
    await expectClean('two paid, one unpaid seat');

    h.clock.advance(601_000);
    expect(await expireGroup(h.deps, first.groupId)).toBe('failed');
    const paidOrders = [first.orderId, second.orderId];
    await eventually(async () => {
      const rows = await h.deps.db.select().from(orders).where(inArray(orders.id, paidOrders));
      expect(rows.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    }, 20_000);
    // Past the grace: a failed group must be refunded by now, and it is. The relay did not run
    // meanwhile, so the group messages (拼团成功 of the first test, 拼团失败 here) are overdue: caught,
    // and gone once the relay delivers them.
    h.clock.advance(16 * 60_000);
    const stuck = await checkConsistency(h.deps.db, h.clock.now());
    expect([...new Set(stuck.violations.map((v) => v.invariant))]).toEqual(['outbox.overdue']);
    expect(stuck.violations.map((v) => v.detail).join('\n')).toContain('group.failed');
    await relayOutbox(h.deps, { batch: 50 });
    await expectClean('the group failed and was refunded');
    await closeIfOverdue(h.deps, third.body.order.id as number);
    expect((await orderRow(h, third.body.order.id as number)).status).toBe('cancelled');
    await expectClean('the unpaid seat closed');
    h.clock.set(new Date());
  });

  it('a flash-sale order paid, and another cancelled unpaid', async () => {
    const skuId = await stockedSku(h, taken);
    const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, skuId));
    const now = h.clock.now();
    const [inserted] = await h.deps.db.insert(flashSales).values({
      // The gate's Redis keys are named by sale id, and test files share one Redis: an id of our own
      // (flashsale.test.ts counts on the ids after the seed's, steps.test.ts uses 700,000+).
      id: 300_000 + Math.floor(Math.random() * 200_000),
      code: `CC-${Math.random().toString(36).slice(2, 10)}`,
      title: '检查秒杀',
      productId: sku.productId,
      skuId,
      priceFen: 990,
      startsAt: new Date(now.getTime() - 60_000),
      endsAt: new Date(now.getTime() + 3600_000),
      allocatedStock: 10,
      perUserLimit: 1,
    });
    const body = { items: [{ skuId, qty: 1 }], fulfillment: pickup, activity: { type: 'flash', flashSaleId: inserted.insertId } };
    const [buyer, quitter] = await Promise.all([signIn(h, 'cc-flash-0'), signIn(h, 'cc-flash-1')]);
    const bought = await createOrder(h, buyer, body);
    expect(bought.status).toBe(201);
    await pay(h, bought);
    await waitForStatus(h, bought.body.order.id as number, 'preparing');
    const dropped = await createOrder(h, quitter, body);
    expect(dropped.status).toBe(201);
    await expectClean('a flash order paid and one unpaid');
    expect((await request(h.base).post(`/api/orders/${dropped.body.order.id}/cancel`).set(quitter.auth)).status).toBe(200);
    expect((await h.deps.db.select().from(flashSales).where(eq(flashSales.id, inserted.insertId)))[0].soldCount).toBe(1);
    await expectClean('the unpaid flash order cancelled');
  });

  it('an unpaid order with a coupon cancelled; a paid one with a coupon refunded in full before handover', async () => {
    const customer = await signIn(h, 'cc-coupon-0');
    const skuId = await stockedSku(h, taken);
    const body = (couponId: number) => ({ items: [{ skuId, qty: 2 }], fulfillment: pickup, couponId });

    const released = await giveCoupon(customer.memberId);
    const unpaid = await createOrder(h, customer, body(released));
    expect(unpaid.status).toBe(201);
    await expectClean('an unpaid order holds a coupon');
    expect((await request(h.base).post(`/api/orders/${unpaid.body.order.id}/cancel`).set(customer.auth)).status).toBe(200);
    expect((await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, released)))[0].status).toBe('available');
    await expectClean('the unpaid order cancelled');

    const returned = await giveCoupon(customer.memberId);
    const paid = await createOrder(h, customer, body(returned));
    expect(paid.status).toBe(201);
    await pay(h, paid);
    const orderId = paid.body.order.id as number;
    await waitForStatus(h, orderId, 'preparing');
    await expectClean('paid with a coupon');
    const asked = await request(h.base)
      .post(`/api/orders/${orderId}/refund-requests`)
      .set(customer.auth)
      .set('Idempotency-Key', `cc-refund-${orderId}`)
      .send({ reason: '不想要了' });
    expect(asked.status).toBe(201);
    await waitForStatus(h, orderId, 'refunded');
    expect((await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, returned)))[0].status).toBe('available');
    await expectClean('refunded in full before handover');
  });
  it('a partial refund before handover, the handover at the store, then a refund of the rest after it', async () => {
    const [customer, clerk, manager] = await Promise.all(['cc-pickup-0', 'demo-clerk-1', 'demo-manager-1'].map((o) => signIn(h, o)));
    const skuId = await stockedSku(h, taken);
    const created = await createOrder(h, customer, { items: [{ skuId, qty: 2 }], fulfillment: pickup });
    expect(created.status).toBe(201);
    await pay(h, created);
    const orderId = created.body.order.id as number;
    await waitForStatus(h, orderId, 'preparing');
    const [{ id: lineId }] = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, orderId));
    const refund = (key: string) =>
      request(h.base)
        .post(`/api/orders/${orderId}/refund-requests`)
        .set(customer.auth)
        .set('Idempotency-Key', key)
        .send({ reason: '少要一件', lines: [{ orderLineId: lineId, qty: 1 }] });
    expect((await refund(`cc-part-${orderId}`)).status).toBe(201);
    await eventually(async () => expect((await orderRow(h, orderId)).refundedFen).toBeGreaterThan(0));
    await expectClean('a partial refund before handover');

    expect((await request(h.base).post(`/api/staff/orders/${orderId}/ready`).set(clerk.auth)).status).toBe(200);
    const code = (await request(h.base).get(`/api/orders/${orderId}`).set(customer.auth)).body.pickup.code as string;
    const handed = await request(h.base).post(`/api/staff/pickups/${orderId}/confirm`).set(clerk.auth).send({ code });
    expect(handed.status).toBe(200);
    await expectClean('the handover (points and spend on what was kept)');

    const after = await refund(`cc-rest-${orderId}`);
    expect(after.status).toBe(201);
    expect((await request(h.base).post(`/api/staff/refund-requests/${after.body.id}/approve`).set(manager.auth)).status).toBe(200);
    await waitForStatus(h, orderId, 'refunded');
    await expectClean('the rest refunded after handover (points and spend taken back)');
  });
});
