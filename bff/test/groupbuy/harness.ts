import http from 'node:http';
import { and, eq, gt } from 'drizzle-orm';
import { groupCampaignSkus, groupCampaigns, inventory, orders, products, skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { freePort } from '../../../scripts/src/lib/processes';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { eventually } from '../support/eventually';

/**
 * One seeded database, the WeChat sandbox and the BFF on a real port (the sandbox posts payment
 * notifications to it), shared by the group-buy and flash-sale tests.
 */
export type Harness = {
  deps: TestDeps;
  sandbox: TestSandbox;
  base: string;
  clock: ReturnType<typeof testClock>;
  close: () => Promise<void>;
};

export async function startHarness(label: string): Promise<Harness> {
  const clock = testClock(new Date());
  const sandbox = await startTestSandbox();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deps = await createTestDeps({ label, wechat: sandbox.wechat, now: clock.now, env: { PUBLIC_BASE_URL: base } });
  await seedDemo(deps.db, clock.now());
  const api = http.createServer(buildApp(deps).callback());
  await new Promise<void>((ready) => api.listen(port, '127.0.0.1', ready));
  return {
    deps,
    sandbox,
    base,
    clock,
    close: async () => {
      api.closeAllConnections();
      await new Promise((done) => api.close(done));
      await deps.close();
      await sandbox.close();
    },
  };
}

export type Customer = { auth: Record<string, string>; memberId: number; openid: string };

export async function signIn(h: Harness, openid: string): Promise<Customer> {
  const code = await h.sandbox.loginCode(openid);
  const res = await request(h.base).post('/api/auth/login').send({ code });
  if (res.status !== 200) throw new Error(`login ${openid}: ${res.status} ${JSON.stringify(res.body)}`);
  return { auth: { Authorization: `Bearer ${res.body.token}` }, memberId: res.body.user.id as number, openid };
}

export function newKey(): string {
  return `k-${Math.random().toString(36).slice(2, 14)}`;
}

export function createOrder(h: Harness, customer: Customer, body: object, key = newKey()) {
  return request(h.base).post('/api/orders').set(customer.auth).set('Idempotency-Key', key).send(body);
}

/** The customer pays in WeChat: the sandbox marks it paid and notifies the BFF. */
export async function pay(h: Harness, created: { body: { payment: { package: string } } }): Promise<void> {
  const prepayId = String(created.body.payment.package).replace('prepay_id=', '');
  const res = await fetch(`${h.sandbox.url}/sandbox/pay/confirm`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ prepay_id: prepayId }),
  });
  if (!res.ok) throw new Error(`sandbox confirm: ${res.status}`);
}

export async function orderRow(h: Harness, id: number) {
  return (await h.deps.db.select().from(orders).where(eq(orders.id, id)))[0];
}

export async function waitForStatus(h: Harness, orderId: number, status: string): Promise<void> {
  await eventually(async () => expect((await orderRow(h, orderId)).status).toBe(status));
}

/** An on-sale SKU with plenty of unreserved stock at the store, not used by another test yet. */
export async function stockedSku(h: Harness, taken: Set<number>, storeId = 1, min = 60): Promise<number> {
  const rows = await h.deps.db
    .select({ skuId: inventory.skuId, onHand: inventory.onHand })
    .from(inventory)
    .innerJoin(skus, eq(skus.id, inventory.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(
      and(
        eq(inventory.storeId, storeId),
        gt(inventory.onHand, min),
        eq(inventory.reserved, 0),
        eq(products.status, 'on_sale'),
        eq(skus.status, 'active'),
      ),
    );
  const row = rows.find((r) => !taken.has(r.skuId));
  if (!row) throw new Error('seed has no more stocked SKUs');
  taken.add(row.skuId);
  return row.skuId;
}

/** Other active SKUs of the same product with stock at the store (sizes / colours of one product). */
export async function siblingSkus(h: Harness, skuId: number, storeId = 1, min = 20): Promise<number[]> {
  const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, skuId));
  const rows = await h.deps.db
    .select({ skuId: skus.id })
    .from(skus)
    .innerJoin(inventory, and(eq(inventory.skuId, skus.id), eq(inventory.storeId, storeId)))
    .where(and(eq(skus.productId, sku.productId), eq(skus.status, 'active'), gt(inventory.onHand, min), eq(inventory.reserved, 0)));
  return rows.map((r) => r.skuId).filter((id) => id !== skuId);
}

export async function stockRow(h: Harness, skuId: number, storeId = 1) {
  return (
    await h.deps.db
      .select()
      .from(inventory)
      .where(and(eq(inventory.skuId, skuId), eq(inventory.storeId, storeId)))
  )[0];
}

export type CampaignOptions = Partial<typeof groupCampaigns.$inferInsert> & {
  skuId: number;
  /** More SKUs the campaign sells besides `skuId` (which sells at the campaign's prices). */
  moreSkus?: { skuId: number; groupPriceFen: number; leaderPriceFen?: number | null }[];
};

export async function createCampaign(h: Harness, options: CampaignOptions) {
  const { moreSkus = [], ...campaign } = options;
  const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, options.skuId));
  const now = h.clock.now();
  const [inserted] = await h.deps.db.insert(groupCampaigns).values({
    code: `T-${Math.random().toString(36).slice(2, 10)}`,
    title: '测试拼团',
    productId: sku.productId,
    groupPriceFen: Math.max(1, Math.floor(sku.priceFen / 2)),
    groupSize: 2,
    fillSeconds: 3600,
    startsAt: new Date(now.getTime() - 60_000),
    endsAt: new Date(now.getTime() + 7 * 86_400_000),
    allocatedStock: 100,
    perUserLimit: 1,
    ...campaign,
  });
  const row = (await h.deps.db.select().from(groupCampaigns).where(eq(groupCampaigns.id, inserted.insertId)))[0];
  await h.deps.db
    .insert(groupCampaignSkus)
    .values([
      { campaignId: row.id, skuId: row.skuId, groupPriceFen: row.groupPriceFen, leaderPriceFen: row.leaderPriceFen },
      ...moreSkus.map((more) => ({ campaignId: row.id, leaderPriceFen: null, ...more })),
    ]);
  return row;
}

export const pickup = { type: 'pickup', storeId: 1 } as const;
