import { and, eq, inArray } from 'drizzle-orm';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { couponTemplates, flashSales, groupCampaigns, groupMembers, orders, skus, userCoupons } from '@shop/db';
import { createOrder } from '../../src/modules/checkout';
import { ORDERS_QUEUE } from '../../src/jobs/order-jobs';
import { receive, withInventoryTx } from '../../src/modules/inventory';
import { createCampaign, newKey, pickup, signIn, startHarness, stockedSku, stockRow, type Harness } from '../groupbuy/harness';

/**
 * Issue 10 §4: order placement is declared steps with their undo. A failure injected after each
 * step must leave nothing held — stock, group seat and campaign stock, flash units in MariaDB and
 * in the Redis gate, the coupon, the close job — and the customer's retry must place the order.
 */
describe('placing an order: every step undone when a later one fails', () => {
  let h: Harness;
  let jobs: Queue;
  let jobsConnection: IORedis;
  const taken = new Set<number>();
  /** Every placement walks every step; an activity's step does nothing for an order without one. */
  const STEPS = ['flash_gate', 'activity', 'seat', 'stock', 'coupon', 'order', 'close_job'];

  beforeAll(async () => {
    h = await startHarness('steps');
    jobsConnection = new IORedis(h.deps.config.redisUrl, { maxRetriesPerRequest: null });
    jobs = new Queue(ORDERS_QUEUE, { connection: jobsConnection, prefix: `bull-${h.deps.database.name}` });
  });
  afterAll(async () => {
    await jobs.close();
    jobsConnection.disconnect();
    await h.close();
  });

  const injectAt = (target: string) => (name: string) => {
    if (name === target) throw new Error(`injected after ${target}`);
  };
  const stepsSeen = async (place: (afterStep: (name: string) => void) => Promise<unknown>) => {
    const seen: string[] = [];
    await place((name) => void seen.push(name));
    return seen;
  };

  async function giveCoupon(memberId: number): Promise<number> {
    const [template] = await h.deps.db.select().from(couponTemplates).where(eq(couponTemplates.kind, 'no_threshold')).limit(1);
    const [inserted] = await h.deps.db.insert(userCoupons).values({
      templateId: template.id,
      memberId,
      code: `7${Math.random().toString().slice(2, 17)}`,
      issueKey: newKey(),
      source: 'center',
      validFrom: new Date(h.clock.now().getTime() - 3600_000),
      validTo: new Date(h.clock.now().getTime() + 86_400_000),
    });
    return inserted.insertId;
  }

  const couponStatus = async (id: number) => (await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, id)))[0].status;
  const liveOrdersOf = (memberId: number) =>
    h.deps.db
      .select()
      .from(orders)
      .where(and(eq(orders.memberId, memberId), inArray(orders.status, ['pending_payment', 'paid', 'awaiting_group', 'preparing'])));
  const allOrdersOf = (memberId: number) => h.deps.db.select().from(orders).where(eq(orders.memberId, memberId));
  const closeJobsOf = async (memberId: number) => {
    const found = [];
    for (const order of await allOrdersOf(memberId)) {
      const job = await jobs.getJob(`close-${order.id}`);
      if (job) found.push(job.id);
    }
    return found;
  };

  describe('a plain order with a coupon', () => {
    it('walks exactly these steps, and a completed placement holds stock, coupon and the close job', async () => {
      const customer = await signIn(h, 'steps-plain-ok');
      const skuId = await stockedSku(h, taken);
      const couponId = await giveCoupon(customer.memberId);
      const before = await stockRow(h, skuId);
      const input = { items: [{ skuId, qty: 2 }], fulfillment: pickup, couponId };
      const seen = await stepsSeen((afterStep) => createOrder(h.deps, customer.memberId, newKey(), input, { afterStep }));
      expect(seen).toEqual(STEPS);
      expect((await stockRow(h, skuId)).reserved).toBe(before.reserved + 2);
      expect(await couponStatus(couponId)).toBe('locked');
      expect(await closeJobsOf(customer.memberId)).toHaveLength(1);
    });

    it.each(STEPS)('a failure after %s leaves nothing held, and the retry with the same key places the order', async (step) => {
      const customer = await signIn(h, `steps-plain-${step}`);
      const skuId = await stockedSku(h, taken);
      const couponId = await giveCoupon(customer.memberId);
      const before = await stockRow(h, skuId);
      const key = newKey();
      const input = { items: [{ skuId, qty: 2 }], fulfillment: pickup, couponId };

      await expect(createOrder(h.deps, customer.memberId, key, input, { afterStep: injectAt(step) })).rejects.toThrow(
        `injected after ${step}`,
      );
      const after = await stockRow(h, skuId);
      expect({ reserved: after.reserved, onHand: after.onHand }).toEqual({ reserved: before.reserved, onHand: before.onHand });
      expect(await couponStatus(couponId)).toBe('available');
      expect(await liveOrdersOf(customer.memberId)).toHaveLength(0);
      expect(await closeJobsOf(customer.memberId)).toHaveLength(0);

      const retried = await createOrder(h.deps, customer.memberId, key, input);
      expect(retried.order.status).toBe('pending_payment');
      expect((await stockRow(h, skuId)).reserved).toBe(before.reserved + 2);
      expect(await couponStatus(couponId)).toBe('locked');
    });
  });

  describe('a group order opening a group', () => {
    it.each(STEPS)('a failure after %s gives the seat and the campaign stock back', async (step) => {
      const customer = await signIn(h, `steps-group-${step}`);
      const campaign = await createCampaign(h, { skuId: await stockedSku(h, taken), allocatedStock: 10 });
      const input = {
        items: [{ skuId: campaign.skuId, qty: 1 }],
        fulfillment: pickup,
        activity: { type: 'group' as const, campaignId: campaign.id },
      };

      await expect(createOrder(h.deps, customer.memberId, newKey(), input, { afterStep: injectAt(step) })).rejects.toThrow('injected');
      const [after] = await h.deps.db.select().from(groupCampaigns).where(eq(groupCampaigns.id, campaign.id));
      expect(after.usedStock).toBe(0);
      const seats = await h.deps.db.select().from(groupMembers).where(eq(groupMembers.memberId, customer.memberId));
      expect(seats.filter((s) => s.status === 'held' || s.status === 'paid')).toHaveLength(0);
      expect((await stockRow(h, campaign.skuId)).reserved).toBe(0);
      expect(await liveOrdersOf(customer.memberId)).toHaveLength(0);
      expect(await closeJobsOf(customer.memberId)).toHaveLength(0);

      // Nothing left over blocks the customer: the per-user limit of 1 still admits them.
      const placed = await createOrder(h.deps, customer.memberId, newKey(), input);
      expect(placed.order.status).toBe('pending_payment');
    });
  });

  describe('a flash-sale order', () => {
    async function createSale() {
      const skuId = await stockedSku(h, taken);
      const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, skuId));
      const now = h.clock.now();
      await withInventoryTx(h.deps.db, (tx) =>
        receive(tx, { storeId: 1, lines: [{ skuId, qty: 50 }], reference: `steps-${skuId}`, actor: { type: 'system' }, at: now }),
      );
      const [inserted] = await h.deps.db.insert(flashSales).values({
        // The gate's Redis keys are named by sale id, and test files share one Redis: an id of our own.
        id: 700_000 + Math.floor(Math.random() * 200_000),
        code: `ST-${Math.random().toString(36).slice(2, 10)}`,
        title: '步骤测试秒杀',
        productId: sku.productId,
        skuId,
        priceFen: 990,
        startsAt: new Date(now.getTime() - 60_000),
        endsAt: new Date(now.getTime() + 3600_000),
        allocatedStock: 5,
        perUserLimit: 1,
      });
      return (await h.deps.db.select().from(flashSales).where(eq(flashSales.id, inserted.insertId)))[0];
    }
    const gateUnits = async (saleId: number) => Number(await h.deps.redis.get(`flash:{${saleId}}:stock`));

    it.each(STEPS)('a failure after %s gives the unit back to the sale and to the gate', async (step) => {
      const customer = await signIn(h, `steps-flash-${step}`);
      const sale = await createSale();
      const input = {
        items: [{ skuId: sale.skuId, qty: 1 }],
        fulfillment: pickup,
        activity: { type: 'flash' as const, flashSaleId: sale.id },
      };

      await expect(createOrder(h.deps, customer.memberId, newKey(), input, { afterStep: injectAt(step) })).rejects.toThrow('injected');
      const [after] = await h.deps.db.select().from(flashSales).where(eq(flashSales.id, sale.id));
      expect(after.soldCount).toBe(0);
      expect(await gateUnits(sale.id)).toBe(5);
      expect(await h.deps.redis.hGet(`flash:{${sale.id}}:buyers`, String(customer.memberId))).toBeNull();
      expect((await stockRow(h, sale.skuId)).reserved).toBe(0);
      expect(await liveOrdersOf(customer.memberId)).toHaveLength(0);
      expect(await closeJobsOf(customer.memberId)).toHaveLength(0);

      // The per-user limit of 1 still admits the customer: nothing of the failed attempt counts.
      const placed = await createOrder(h.deps, customer.memberId, newKey(), input);
      expect(placed.order.status).toBe('pending_payment');
      expect(await gateUnits(sale.id)).toBe(4);
    });
  });
});
