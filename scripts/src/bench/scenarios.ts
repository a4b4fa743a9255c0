/**
 * The bench's scenarios: what each one seeds beyond the demo data, and the request paths it
 * measures. A path is a list of request templates the load process cycles over (or picks from at
 * random), with the statuses that count as success and the target ratio to the yardstick.
 */
import { and, eq, inArray } from 'drizzle-orm';
import {
  categories,
  flashSales,
  groupCampaignSkus,
  groupCampaigns,
  inventory,
  members,
  products,
  productSearchGrams,
  searchGrams,
  skus,
  stores,
} from '@shop/db';
import { createSession } from '../../../bff/src/http/sessions';
import { receive, withInventoryTx } from '../../../bff/src/modules/inventory';
import type { RequestTemplate } from './load';
import { prepayBound } from './rsa-bound';
import type { Stack } from './stack';

export type Target = { ratio: number; p99Ms?: number; conns?: number };

export type BenchPath = {
  name: string;
  requests: RequestTemplate[];
  ok: number[];
  target: Target;
  idempotencyPrefix?: string;
  random?: boolean;
  /** Shortest round for this path, also in --quick (slow paths need seconds to finish requests). */
  minSeconds?: number;
  /** When the target is a share of a bound of this box (measured in the run) instead of the yardstick. */
  bound?: { name: string; perSecond: () => number };
};

export type Scenario = {
  name: string;
  describe: string;
  setup: (ctx: BenchContext) => Promise<BenchPath[]>;
};

export type BenchContext = {
  stack: Stack;
  quick: boolean;
  customers: () => Promise<Customer[]>;
};

export type Customer = { memberId: number; token: string };

const SESSION_TTL = 6 * 3600;
const PREPAY_BOUND = { name: 'RSA-2048 signing bound per prepay (one core, 2 signatures)', perSecond: prepayBound };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `count` bench customers with sessions (created once per run, reused by every scenario). */
export function customerPool(stack: Stack, count: number, prefix = 'bench-customer'): () => Promise<Customer[]> {
  let pool: Promise<Customer[]> | undefined;
  return () => {
    pool ??= (async () => {
      const openids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
      for (let i = 0; i < count; i += 500) {
        await stack.database.db
          .insert(members)
          .ignore()
          .values(openids.slice(i, i + 500).map((openid) => ({ openid, nickname: `压测${i}` })));
      }
      const rows = await stack.database.db.select({ id: members.id }).from(members).where(inArray(members.openid, openids));
      return Promise.all(rows.map(async (row) => ({ memberId: row.id, token: await createSession(stack.redis, row.id, SESSION_TTL) })));
    })();
    return pool;
  };
}

export async function sessionFor(stack: Stack, openid: string): Promise<Customer> {
  const [row] = await stack.database.db.select({ id: members.id }).from(members).where(eq(members.openid, openid));
  if (!row) throw new Error(`no member ${openid} in the seed`);
  return { memberId: row.id, token: await createSession(stack.redis, row.id, SESSION_TTL) };
}

/** Every active SKU of an on-sale product × every open store, topped up so no order runs short. */
export async function sellablePairs(stack: Stack, qty: number): Promise<{ skuId: number; storeId: number }[]> {
  const db = stack.database.db;
  const skuRows = await db
    .select({ id: skus.id })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(skus.status, 'active'), eq(products.status, 'on_sale')));
  const storeRows = await db.select({ id: stores.id }).from(stores).where(eq(stores.status, 'open'));
  for (const store of storeRows) {
    await withInventoryTx(db, (tx) =>
      receive(tx, {
        storeId: store.id,
        lines: skuRows.map((sku) => ({ skuId: sku.id, qty })),
        reference: `bench-topup-${process.pid}-${store.id}-${qty}-${Math.random().toString(36).slice(2, 8)}`,
        actor: { type: 'system' },
      }),
    );
  }
  return storeRows.flatMap((store) => skuRows.map((sku) => ({ skuId: sku.id, storeId: store.id })));
}

export async function api<T>(
  stack: Stack,
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${stack.bff.url}${path}`, {
    method,
    headers: { ...bearer(token), 'content-type': 'application/json', 'user-agent': 'bench/1.0', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

type Created = { order: { id: number }; payment: { package: string } | null };
export type Placed = { customer: Customer; orderId: number; prepayId: string };

export async function placeOrders(
  stack: Stack,
  buyers: Customer[],
  pairs: { skuId: number; storeId: number }[],
  prefix: string,
  activity?: Record<string, unknown>,
): Promise<Placed[]> {
  const created: Placed[] = [];
  for (let i = 0; i < buyers.length; i += 10) {
    await Promise.all(
      buyers.slice(i, i + 10).map(async (customer, j) => {
        const pair = pairs[(i + j) % pairs.length];
        const body = { items: [{ skuId: pair.skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: pair.storeId }, activity };
        const result = await api<Created>(stack, 'POST', '/api/orders', customer.token, body, {
          'idempotency-key': `${prefix}-${customer.memberId}`,
        });
        const payment = result.payment ?? (await payAgain(stack, customer, result.order.id));
        created.push({ customer, orderId: result.order.id, prepayId: payment.package.replace('prepay_id=', '') });
      }),
    );
  }
  return created;
}

/**
 * The customers pay in the sandbox; the notification cannot reach a bench BFF (its https address
 * is not served here), so each order is read once after 5 s, when the order page asks WeChat, as
 * it does for any late notification.
 */
export async function payThroughSandbox(stack: Stack, created: Placed[]): Promise<void> {
  for (const c of created) {
    const response = await fetch(`${stack.sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prepay_id: c.prepayId }),
    });
    if (!response.ok) throw new Error(`sandbox confirm ${response.status}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 5_500));
  for (let i = 0; i < created.length; i += 10)
    await Promise.all(created.slice(i, i + 10).map((c) => api(stack, 'GET', `/api/orders/${c.orderId}`, c.customer.token)));
}

/** The clerk marks each paid order ready; its pickup code as the customer's order page shows it. */
export async function readyForPickup(stack: Stack, paid: Placed[], clerk: Customer): Promise<{ orderId: number; code: string }[]> {
  const ready: { orderId: number; code: string }[] = [];
  for (const c of paid) {
    await api(stack, 'POST', `/api/staff/orders/${c.orderId}/ready`, clerk.token);
    const detail = await api<{ pickup: { code: string } | null }>(stack, 'GET', `/api/orders/${c.orderId}`, c.customer.token);
    if (!detail.pickup) throw new Error(`order ${c.orderId} shows no pickup code`);
    ready.push({ orderId: c.orderId, code: detail.pickup.code });
  }
  return ready;
}

/** An order whose prepay found WeChat Pay too slow is paid again, as the customer's 去支付 would. */
async function payAgain(stack: Stack, customer: Customer, orderId: number, attempts = 5): Promise<{ package: string }> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const again = await api<Created>(stack, 'POST', `/api/orders/${orderId}/pay`, customer.token);
      if (again.payment) return again.payment;
    } catch (err) {
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
  throw new Error(`order ${orderId}: no payment params after ${attempts} attempts (${String(last)})`);
}

export const scenarios: Scenario[] = [
  {
    name: 'browse',
    describe: 'home slots (categories, flash sales, group buys, lives), product list, product detail — cached reads',
    setup: async ({ stack }) => {
      const db = stack.database.db;
      const productIds = (await db.select({ id: products.id }).from(products).where(eq(products.status, 'on_sale')).limit(40)).map(
        (r) => r.id,
      );
      const [leaf] = await db.select({ id: categories.id }).from(categories).where(eq(categories.name, '连衣裙')).limit(1);
      const get = (path: string): RequestTemplate => ({ method: 'GET', path });
      const target = { ratio: 0.8, p99Ms: 15, conns: 50 };
      return [
        { name: 'home', requests: ['/api/categories', '/api/flashsales', '/api/groupbuys', '/api/lives'].map(get), ok: [200], target },
        {
          name: 'list',
          requests: [get('/api/products?sort=sales&page=1&pageSize=10'), get(`/api/products?categoryId=${leaf?.id ?? 1}&sort=sales`)],
          ok: [200],
          target,
        },
        { name: 'detail', requests: productIds.map((id) => get(`/api/products/${id}`)), ok: [200], target },
      ];
    },
  },
  {
    name: 'search',
    describe: 'search by Chinese, full pinyin and initials (each its own path)',
    setup: async () => {
      const q = (term: string): RequestTemplate => ({ method: 'GET', path: `/api/products?q=${encodeURIComponent(term)}` });
      const target = { ratio: 0.5 };
      return [
        { name: 'search-chinese', requests: [q('连衣裙'), q('牛奶'), q('女装 连衣裙')], ok: [200], target },
        { name: 'search-pinyin', requests: [q('lianyiqun'), q('niunai'), q('lianyi')], ok: [200], target },
        { name: 'search-initials', requests: [q('lyq'), q('nn'), q('lyq nz')], ok: [200], target },
        uncachedSearch('search-uncached', target),
      ];
    },
  },
  {
    name: 'order',
    describe: 'order creation (with its WeChat prepay) spread over every SKU × store, by 500 customers, fresh Idempotency-Key each',
    setup: async ({ stack, customers }) => {
      const pairs = await sellablePairs(stack, 100_000);
      const buyers = (await customers()).slice(0, 500);
      const requests: RequestTemplate[] = Array.from({ length: 4000 }, () => {
        const pair = pairs[Math.floor(Math.random() * pairs.length)];
        const buyer = buyers[Math.floor(Math.random() * buyers.length)];
        return {
          method: 'POST',
          path: '/api/orders',
          headers: bearer(buyer.token),
          body: JSON.stringify({ items: [{ skuId: pair.skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: pair.storeId } }),
        };
      });
      console.log(`  order: ${pairs.length} SKU × store pairs, ${buyers.length} customers`);
      return [
        {
          name: 'order-create',
          requests,
          ok: [201],
          target: { ratio: 0.4 },
          minSeconds: 5,
          idempotencyPrefix: `bench-order-${process.pid}`,
        },
      ];
    },
  },
  {
    name: 'prepay',
    describe:
      "POST /api/orders/:id/pay (paying again: the params of the order's prepay, signed once and cached) on 200 unpaid orders; WeChat Pay is the sandbox in its own process",
    setup: async ({ stack, customers }) => {
      const pairs = await sellablePairs(stack, 1_000);
      const buyers = (await customers()).slice(500, 700);
      const created = await placeOrders(stack, buyers, pairs, `bench-prepay-${process.pid}`);
      return [
        {
          name: 'prepay',
          requests: created.map((c) => ({ method: 'POST', path: `/api/orders/${c.orderId}/pay`, headers: bearer(c.customer.token) })),
          ok: [200],
          // Paying again reuses the signed params of the order's prepay (no new signature); the
          // order-create path, which signs, reports its share of the same bound.
          target: { ratio: 0.7 },
          bound: PREPAY_BOUND,
          random: true,
          minSeconds: 5,
        },
      ];
    },
  },
  {
    name: 'pickup',
    describe: 'staff verifies pickup codes (POST /api/staff/pickups/verify) of 40 ready orders at store 1',
    setup: async ({ stack, customers }) => {
      const pairs = (await sellablePairs(stack, 1_000)).filter((p) => p.storeId === 1);
      const buyers = (await customers()).slice(700, 740);
      const clerk = await sessionFor(stack, 'demo-clerk-1');
      const created = await placeOrders(stack, buyers, pairs, `bench-pickup-${process.pid}`);
      await payThroughSandbox(stack, created);
      const codes = (await readyForPickup(stack, created, clerk)).map((r) => r.code);
      return [
        {
          name: 'pickup-verify',
          requests: codes.map((code) => ({
            method: 'POST',
            path: '/api/staff/pickups/verify',
            headers: { ...bearer(clerk.token), 'user-agent': 'till-phone/1.0 (bench)' },
            body: JSON.stringify({ code }),
          })),
          ok: [200],
          target: { ratio: 0.5, p99Ms: 20 },
          random: true,
        },
      ];
    },
  },
];

/**
 * Every request a different page of a different query: each misses the in-process cache, so this
 * is the gram index and MariaDB at work (the repeated searches are mostly cache hits).
 */
function uncachedSearch(name: string, target: Target): BenchPath {
  const terms = ['连衣裙', 'lianyiqun', 'lyq', '女装', 'nvzhuang', 't恤', 'txu', '牛奶', 'niunai', 'xie', '外套', 'wt'];
  // A price ceiling above every price makes each request its own cache key without changing the answer.
  return {
    name,
    requests: terms.flatMap((term) =>
      Array.from({ length: 2000 }, (_, i) => ({
        method: 'GET' as const,
        path: `/api/products?q=${encodeURIComponent(term)}&page=${1 + (i % 3)}&pageSize=10&maxPrice=${5_000_000 + i}`,
      })),
    ),
    ok: [200],
    target,
    random: true,
  };
}

/**
 * The catalogue grown to `factor` × the demo's products: copies of the seeded products (same
 * text, so every query matches `factor` × as many) with their search grams, written straight to
 * MariaDB. Cumulative: growth-10x after growth-1x adds 9 copies.
 */
async function growCatalogue(stack: Stack, factor: number): Promise<number> {
  const db = stack.database.db;
  const all = await db.select().from(products).where(eq(products.status, 'on_sale'));
  const seeded = all.filter((p) => !p.spu.startsWith('G'));
  const have = Math.round(all.length / Math.max(1, seeded.length));
  for (let copy = have; copy < factor; copy++) {
    const rows = seeded.map(({ id: _id, createdAt: _c, updatedAt: _u, ...p }) => ({ ...p, spu: `G${copy}-${p.spu}`.slice(0, 32) }));
    for (let i = 0; i < rows.length; i += 500) await db.insert(products).values(rows.slice(i, i + 500));
    const spus = rows.map((r) => r.spu);
    const inserted = await db
      .select({ id: products.id, searchText: products.searchText })
      .from(products)
      .where(inArray(products.spu, spus));
    const grams = inserted.flatMap((p) => searchGrams(p.searchText).map((gram) => ({ gram, productId: p.id })));
    for (let i = 0; i < grams.length; i += 5000)
      await db
        .insert(productSearchGrams)
        .ignore()
        .values(grams.slice(i, i + 5000));
  }
  // Written behind the BFF's back: drop its cached catalog as a catalog write would.
  await stack.redis.publish('read-cache:invalidate', 'catalog');
  const [rows] = (await stack.database.pool.query('SELECT COUNT(*) AS n FROM products')) as unknown as [{ n: number }[]];
  return Number(rows[0].n);
}

/** Search misses at 1×, 10× and 100× the demo catalogue (`--only growth`): p99 should grow ≤ 2×. */
export const growthScenarios: Scenario[] = [1, 10, 100].map((factor) => ({
  name: `growth-${factor}x`,
  describe: `uncached search on ${factor}× the demo catalogue`,
  setup: async ({ stack }) => {
    console.log(`  catalogue: ${await growCatalogue(stack, factor)} products`);
    return [uncachedSearch(`search-${factor}x`, { ratio: 0.5 })];
  },
}));

/** A running flash sale of `units` units on a stocked SKU at store 1. */
export async function createFlashSale(stack: Stack, units: number, round: number) {
  const db = stack.database.db;
  const [stock] = await db.select().from(inventory).where(eq(inventory.storeId, 1)).limit(1);
  await withInventoryTx(db, (tx) =>
    receive(tx, {
      storeId: 1,
      lines: [{ skuId: stock.skuId, qty: units * 2 }],
      reference: `bench-flash-${process.pid}-${round}`,
      actor: { type: 'system' },
    }),
  );
  const [sku] = await db.select().from(skus).where(eq(skus.id, stock.skuId));
  const now = Date.now();
  const [inserted] = await db.insert(flashSales).values({
    code: `BENCH-${process.pid}-${round}`,
    title: '压测秒杀',
    productId: sku.productId,
    skuId: sku.id,
    priceFen: 990,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 3600_000),
    allocatedStock: units,
    perUserLimit: 1,
  });
  return { id: inserted.insertId, skuId: sku.id };
}

export type GroupCampaign = { id: number; skuId: number; size: number };

/** A running campaign of groups of `size` on a stocked SKU at store 1, with stock for `groups` full groups. */
export async function createGroupCampaign(
  stack: Stack,
  options: { code: string; size: number; groups: number; perUserLimit: number },
): Promise<GroupCampaign> {
  const db = stack.database.db;
  const seats = options.groups * options.size;
  const [pair] = (await sellablePairs(stack, seats + 100)).filter((p) => p.storeId === 1);
  const [sku] = await db.select().from(skus).where(eq(skus.id, pair.skuId));
  const now = Date.now();
  const [inserted] = await db.insert(groupCampaigns).values({
    code: options.code,
    title: '压测拼团',
    productId: sku.productId,
    skuId: sku.id,
    groupPriceFen: Math.max(100, Math.round(sku.priceFen * 0.7)),
    groupSize: options.size,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 86_400_000),
    allocatedStock: seats + 100,
    perUserLimit: options.perUserLimit,
  });
  // The SKU the campaign sells at its group price (an order of any other SKU is refused).
  await db.insert(groupCampaignSkus).values({
    campaignId: inserted.insertId,
    skuId: sku.id,
    groupPriceFen: Math.max(100, Math.round(sku.priceFen * 0.7)),
  });
  return { id: inserted.insertId, skuId: sku.id, size: options.size };
}

/** One group per leader, opened and paid for through the API and the sandbox; the groups' ids. */
export async function openGroups(stack: Stack, leaders: Customer[], campaign: GroupCampaign, prefix: string): Promise<number[]> {
  const activity = { type: 'group', campaignId: campaign.id };
  const opened = await placeOrders(stack, leaders, [{ skuId: campaign.skuId, storeId: 1 }], prefix, activity);
  await payThroughSandbox(stack, opened);
  const [rows] = (await stack.database.pool.query('SELECT order_id, group_id FROM group_members WHERE order_id IN (?)', [
    opened.map((o) => o.orderId),
  ])) as unknown as [{ order_id: number; group_id: number }[]];
  const groupOf = new Map(rows.map((r) => [Number(r.order_id), Number(r.group_id)]));
  return opened.map((o) => groupOf.get(o.orderId)!);
}
