/**
 * Scenario 2 (README "Reliability"): Redis loses everything — killed and restarted empty (it keeps
 * nothing on disk), or flushed — while the shop runs, and the BFF is never restarted.
 * - Queued jobs: the delayed close of unpaid orders, a group's expiry and a refund's retry are gone
 *   with Redis, and so are bullmq's repeating schedules. The BFF puts its schedules back
 *   (jobs/scheduler.ts) and the sweepers find the work again in MariaDB.
 * - A flash sale: the Redis gate is rebuilt from MariaDB; no unit is sold twice, nobody buys more
 *   than the limit.
 * - Group joins: seats are guarded in MariaDB; the group never takes more members than its size.
 * While Redis is down requests answer 503 {code, message}; afterwards sessions are gone (a new
 * login), and the same BFF process answers again.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { flashSales, groupCampaignSkus, groupCampaigns, groupMembers, groups, orderLines, orders, refunds, skus } from '@shop/db';
import { startFaultStack, type FaultStack } from '../src/faults/stack';
import {
  assertConsistent,
  call,
  eventually,
  injectFault,
  newKey,
  orderState,
  payInWechat,
  placeOrder,
  signIn,
  stockedSkus,
  type Placed,
} from '../src/faults/shop';

let stack: FaultStack;
let bffPid: number;
let storeId: number;
let skuIds: number[];

beforeAll(async () => {
  // A 1-minute pay deadline, so an unpaid order's close falls inside the test.
  stack = await startFaultStack('redis-loss', { bffEnv: { ORDER_PAY_TIMEOUT_MINUTES: '1' } });
  bffPid = stack.bff().pid;
  ({ storeId, skuIds } = await stockedSkus(stack.db, 6, 40));
});

afterAll(async () => {
  await stack?.stop();
});

async function productOf(skuId: number): Promise<number> {
  const [row] = await stack.db.select({ productId: skus.productId }).from(skus).where(eq(skus.id, skuId));
  return row.productId;
}

async function groupCampaign(code: string, skuId: number, size: number): Promise<number> {
  const now = Date.now();
  const [inserted] = await stack.db.insert(groupCampaigns).values({
    code,
    title: `故障演练拼团 ${code}`,
    productId: await productOf(skuId),
    skuId,
    groupPriceFen: 1990,
    groupSize: size,
    fillSeconds: 3600,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 3_600_000),
    allocatedStock: 30,
    perUserLimit: 1,
  });
  // The SKUs a campaign sells at its group price (an order for any other SKU is refused).
  await stack.db.insert(groupCampaignSkus).values({ campaignId: inserted.insertId, skuId, groupPriceFen: 1990 });
  return inserted.insertId;
}

async function groupOfOrder(orderId: number): Promise<number> {
  const [row] = await stack.db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.orderId, orderId));
  return row.groupId;
}

/** Places an order and retries once with a fresh login when Redis took the session away. */
async function placeRelogging(openid: string, token: string, line: Parameters<typeof placeOrder>[2], key: string) {
  let placed = await placeOrder(stack, token, line, key);
  if (placed.status === 401) placed = await placeOrder(stack, (await signIn(stack, openid)).token, line, key);
  return placed;
}

// Set up by the first test, checked by the last: the sweepers need a minute or two.
const queued: { unpaid: Placed[]; groupLeader?: Placed; groupId?: number; refundOrder?: Placed } = { unpaid: [] };

it('Redis flushed with jobs queued: the schedules come back by themselves', async () => {
  const customer = await signIn(stack, 'fault-redis-jobs');
  // Two unpaid orders, each with its delayed close job in Redis.
  for (const skuId of skuIds.slice(0, 2)) queued.unpaid.push(await placeOrder(stack, customer.token, { skuId, storeId }));
  expect(queued.unpaid.map((o) => o.status)).toEqual([201, 201]);
  // An open group, with its expiry job in Redis.
  const campaignId = await groupCampaign('FAULT-REDIS-JOBS', skuIds[2], 3);
  queued.groupLeader = await placeOrder(stack, customer.token, { skuId: skuIds[2], storeId, activity: { type: 'group', campaignId } });
  expect(queued.groupLeader.status).toBe(201);
  await payInWechat(stack, queued.groupLeader.orderNo);
  queued.groupId = await groupOfOrder(queued.groupLeader.orderId);
  await eventually(async () => {
    const [g] = await stack.db.select({ status: groups.status }).from(groups).where(eq(groups.id, queued.groupId!));
    expect(g.status).toBe('open');
  });
  // A refund whose call to WeChat failed once: its retry is due in 30 s.
  queued.refundOrder = await placeOrder(stack, customer.token, { skuId: skuIds[3], storeId });
  await payInWechat(stack, queued.refundOrder.orderNo);
  await eventually(async () => expect((await orderState(stack.db, queued.refundOrder!.orderId)).status).toBe('preparing'));
  await injectFault(stack, { api: 'refund', kind: 'http_error', value: 500 });
  const requested = await call(stack, 'POST', `/api/orders/${queued.refundOrder.orderId}/refund-requests`, {
    token: customer.token,
    headers: { 'idempotency-key': newKey('refund') },
    body: { reason: '不想要了' },
  });
  expect(requested.status).toBe(201);
  await eventually(async () => {
    const [r] = await stack.db.select().from(refunds).where(eq(refunds.orderId, queued.refundOrder!.orderId));
    expect(r).toMatchObject({ status: 'processing', attempts: 1 });
  });
  expect(await stack.jobSchedules()).toContain('sweep-unpaid');

  await stack.redis.flushAll();
  expect(await stack.jobSchedules()).toEqual([]);
  // The group's fill window runs out while its expiry job is gone with Redis.
  await stack.db
    .update(groups)
    .set({ expiresAt: sql`NOW() - INTERVAL 1 SECOND` })
    .where(eq(groups.id, queued.groupId));

  // The BFF notices within its check interval (15 s) and upserts every schedule again.
  await eventually(async () => expect(await stack.jobSchedules()).toContain('sweep-unpaid'), 40_000, 1_000);
  expect(await stack.jobSchedules()).toEqual(
    expect.arrayContaining(['reconcile-payments', 'relay-outbox', 'retry-refunds', 'sweep-groups', 'sweep-unpaid']),
  );
  // The old session went with Redis: the client logs in again.
  expect((await call(stack, 'GET', '/api/orders', { token: customer.token })).status).toBe(401);
});

it('Redis killed during a flash sale and restarted empty: 503 while down, the gate rebuilt from MariaDB, nothing oversold', async () => {
  const skuId = skuIds[4];
  const [sale] = await stack.db.insert(flashSales).values({
    code: 'FAULT-REDIS-FLASH',
    title: '故障演练秒杀',
    productId: await productOf(skuId),
    skuId,
    priceFen: 990,
    startsAt: new Date(Date.now() - 60_000),
    endsAt: new Date(Date.now() + 3_600_000),
    allocatedStock: 20,
    perUserLimit: 1,
  });
  const activity = { type: 'flash', flashSaleId: sale.insertId };
  const openids = Array.from({ length: 30 }, (_, i) => `fault-flash-${i}`);
  const first = await Promise.all(openids.slice(0, 12).map((openid) => signIn(stack, openid)));
  const phase1 = await Promise.all(first.map((c) => placeOrder(stack, c.token, { skuId, storeId, activity })));
  expect(phase1.map((p) => p.status)).toEqual(Array(12).fill(201));

  await stack.killRedis();
  const whileDown = await Promise.all(first.slice(0, 4).map((c) => placeOrder(stack, c.token, { skuId, storeId, activity })));
  for (const answer of whileDown) {
    expect(answer.status).toBe(503);
    expect(answer.answer.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  }
  await stack.startRedis();

  // node-redis reconnects on its own: the BFF answers again (the sessions are gone: 401, not 503).
  await eventually(async () => expect((await call(stack, 'GET', '/api/orders', { token: first[0].token })).status).toBe(401));
  const everyone = await Promise.all(openids.map((openid) => signIn(stack, openid)));
  const phase2 = await Promise.all(everyone.map((c) => placeOrder(stack, c.token, { skuId, storeId, activity })));
  const codes = phase2.map((p) => (p.status === 201 ? 'created' : String(p.answer.body.code)));
  // The first twelve already bought their one unit; eight of the eighteen others get the rest.
  expect(codes.slice(0, 12)).toEqual(Array(12).fill('FLASH_LIMIT'));
  expect(codes.filter((c) => c === 'created')).toHaveLength(8);
  expect(codes.filter((c) => c !== 'created' && c !== 'FLASH_LIMIT')).toEqual(Array(10).fill('FLASH_SOLD_OUT'));

  const [row] = await stack.db.select({ sold: flashSales.soldCount }).from(flashSales).where(eq(flashSales.id, sale.insertId));
  expect(row.sold).toBe(20);
  const buyers = await stack.db
    .select({ memberId: orders.memberId, qty: sql<string>`SUM(${orderLines.qty})` })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(eq(orders.activityType, 'flash'), eq(orders.activityId, sale.insertId), ne(orders.status, 'cancelled')))
    .groupBy(orders.memberId);
  expect(buyers).toHaveLength(20);
  expect(buyers.every((b) => Number(b.qty) === 1)).toBe(true);
  await assertConsistent(stack.db);
});

it('Redis flushed while members join a group at once: the group takes exactly its size', async () => {
  const skuId = skuIds[5];
  const campaignId = await groupCampaign('FAULT-REDIS-JOIN', skuId, 3);
  const leader = await signIn(stack, 'fault-join-leader');
  const opened = await placeOrder(stack, leader.token, { skuId, storeId, activity: { type: 'group', campaignId } });
  await payInWechat(stack, opened.orderNo);
  const groupId = await groupOfOrder(opened.orderId);
  await eventually(async () => {
    const [g] = await stack.db.select({ status: groups.status }).from(groups).where(eq(groups.id, groupId));
    expect(g.status).toBe('open');
  });

  const openids = Array.from({ length: 6 }, (_, i) => `fault-joiner-${i}`);
  const joiners = await Promise.all(openids.map((openid) => signIn(stack, openid)));
  const activity = { type: 'group', campaignId, groupId };
  const keys = openids.map((openid) => newKey(openid));
  const [joins] = await Promise.all([
    Promise.all(joiners.map((j, i) => placeRelogging(openids[i], j.token, { skuId, storeId, activity }, keys[i]))),
    new Promise((resolve) => setTimeout(resolve, 30)).then(() => stack.redis.flushAll()),
  ]);
  const created = joins.filter((j) => j.status === 201);
  expect(created).toHaveLength(2);
  for (const refused of joins.filter((j) => j.status !== 201)) expect(refused.answer.body.code).toBe('GROUP_FULL');
  for (const order of created) await payInWechat(stack, order.orderNo);

  await eventually(async () => {
    const [g] = await stack.db.select().from(groups).where(eq(groups.id, groupId));
    expect(g).toMatchObject({ status: 'succeeded', seatsTaken: 3, paidCount: 3 });
  });
  const seats = await stack.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId));
  expect(seats).toHaveLength(3);
  await assertConsistent(stack.db);
});

it('the work Redis lost is swept from MariaDB: unpaid orders closed, the lapsed group failed and refunded, the failed refund retried', async () => {
  const { unpaid, groupLeader, refundOrder } = queued;
  await eventually(
    async () => {
      for (const order of unpaid) expect((await orderState(stack.db, order.orderId)).status).toBe('cancelled');
      const [g] = await stack.db.select({ status: groups.status }).from(groups).where(eq(groups.id, queued.groupId!));
      expect(g.status).toBe('failed');
      expect((await orderState(stack.db, groupLeader!.orderId)).status).toBe('refunded');
      const done = await stack.db
        .select({ status: refunds.status })
        .from(refunds)
        .where(inArray(refunds.orderId, [refundOrder!.orderId]));
      expect(done).toEqual([{ status: 'succeeded' }]);
    },
    150_000,
    2_000,
  );
  await assertConsistent(stack.db);
  // The same BFF process all along.
  expect(stack.bff().pid).toBe(bffPid);
  expect((await call(stack, 'GET', '/healthz')).status).toBe(200);
});
