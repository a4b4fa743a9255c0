/**
 * `npm run bench:flash`: the flash-sale hot path under load, on the real stack (private MariaDB
 * and Redis under .data/bench-<pid>, the WeChat sandbox, the BFF on a free port).
 *
 *  1. Rush: BENCH_BUYERS customers hammer one sale of BENCH_UNITS units with autocannon.
 *  2. Sold out: the same crowd keeps trying; every answer must come from the Redis gate.
 *
 * Targets, one BFF process on a 2-core machine that also runs autocannon, MariaDB and Redis:
 * exactly BENCH_UNITS orders by as many buyers, sold-out rejections at ≥ 1,500 req/s with p99
 * ≤ 200 ms over 100 connections, and zero MariaDB round trips during phase 2. Exits 1 on a miss.
 * (The rush itself is bound by RSA signing: the in-process WeChat sandbox signs every prepay.)
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { flashSales, inventory, members, orders, skus } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { buildApp } from '../../../bff/src/app';
import { createSession } from '../../../bff/src/http/sessions';
import { receive, withInventoryTx } from '../../../bff/src/modules/inventory';
import { createTestDeps } from '../../../bff/test/support/deps';
import { startTestSandbox } from '../../../bff/test/support/sandbox';
import { ensureOsPackages } from '../lib/os-packages';
import { DATA_DIR } from '../lib/paths';
import { freePort } from '../lib/processes';
import { startMariadb, startRedis, type LocalServer } from '../lib/services';

const UNITS = Number(process.env.BENCH_UNITS ?? 200);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET = { rejectionsPerSecond: 1500, p99Ms: 200 };

async function main(): Promise<number> {
  ensureOsPackages(['mariadb', 'redis']);
  const dataDir = path.join(DATA_DIR, `bench-${process.pid}`);
  const servers: LocalServer[] = [];
  try {
    servers.push(await startMariadb(dataDir, await freePort()));
    servers.push(await startRedis(dataDir, await freePort()));
    process.env.TEST_MYSQL_URL = servers[0].url;
    process.env.TEST_REDIS_URL = servers[1].url;
    return await runBench();
  } finally {
    for (const server of servers.reverse()) await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runBench(): Promise<number> {
  const sandbox = await startTestSandbox();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const deps = await createTestDeps({ label: 'bench', wechat: sandbox.wechat, env: { PUBLIC_BASE_URL: base } });
  const api = http.createServer(buildApp(deps).callback());
  try {
    await seedDemo(deps.db);
    await new Promise<void>((ready) => api.listen(port, '127.0.0.1', ready));
    const sale = await createSale(deps);
    const tokens = await createBuyers(deps, BUYERS);
    let roundTrips = 0;
    deps.database.pool.on('acquire', () => (roundTrips += 1));

    const rush = await hammer(base, sale, tokens, SECONDS);
    // The rush ends when the sale is sold out and the last in-flight order has settled.
    for (let i = 0; i < 50 && (await soldCount(deps, sale.id)) < UNITS; i++) await sleep(200);
    await sleep(1000);
    const sold = await deps.db.select({ memberId: orders.memberId }).from(orders).where(eq(orders.activityId, sale.id));
    const before = roundTrips;
    const soldOut = await hammer(base, sale, tokens, SECONDS);
    const soldOutRoundTrips = roundTrips - before;

    report('rush', rush);
    report('sold out', soldOut);
    const buyers = new Set(sold.map((o) => o.memberId)).size;
    console.log(`orders: ${sold.length} for ${UNITS} units, ${buyers} buyers · MariaDB round trips while sold out: ${soldOutRoundTrips}`);
    const misses = [
      sold.length !== UNITS && `${sold.length} orders for ${UNITS} units`,
      buyers !== sold.length && `per-user limit broken: ${sold.length} orders by ${buyers} buyers`,
      soldOut.requests.average < TARGET.rejectionsPerSecond &&
        `sold-out rejections ${soldOut.requests.average}/s < ${TARGET.rejectionsPerSecond}/s`,
      soldOut.latency.p99 > TARGET.p99Ms && `sold-out p99 ${soldOut.latency.p99} ms > ${TARGET.p99Ms} ms`,
      soldOutRoundTrips > 0 && `${soldOutRoundTrips} MariaDB round trips while sold out`,
    ].filter(Boolean);
    console.log(misses.length ? `✘ BENCH MISSED: ${misses.join('; ')}` : '✔ BENCH TARGETS MET');
    return misses.length ? 1 : 0;
  } finally {
    api.closeAllConnections();
    await new Promise((done) => api.close(done));
    await deps.close();
    await sandbox.close();
  }
}

/** A running sale on a seeded SKU with enough stock at store 1. */
async function createSale(deps: Awaited<ReturnType<typeof createTestDeps>>) {
  const [stock] = await deps.db.select().from(inventory).where(eq(inventory.storeId, 1)).limit(1);
  await withInventoryTx(deps.db, (tx) =>
    receive(tx, {
      storeId: 1,
      lines: [{ skuId: stock.skuId, qty: UNITS * 2 }],
      reference: `bench-${Date.now()}`,
      actor: { type: 'system' },
    }),
  );
  const [sku] = await deps.db.select().from(skus).where(eq(skus.id, stock.skuId));
  const now = Date.now();
  const [inserted] = await deps.db.insert(flashSales).values({
    code: `BENCH-${now}`,
    title: '压测秒杀',
    productId: sku.productId,
    skuId: sku.id,
    priceFen: 990,
    startsAt: new Date(now - 60_000),
    endsAt: new Date(now + 3600_000),
    allocatedStock: UNITS,
    perUserLimit: 1,
  });
  return { id: inserted.insertId, skuId: sku.id };
}

async function createBuyers(deps: Awaited<ReturnType<typeof createTestDeps>>, n: number): Promise<string[]> {
  const openids = Array.from({ length: n }, (_, i) => `bench-${i}`);
  for (let i = 0; i < n; i += 500) await deps.db.insert(members).values(openids.slice(i, i + 500).map((openid) => ({ openid })));
  const rows = await deps.db.select({ id: members.id, openid: members.openid }).from(members);
  const ids = rows.filter((r) => r.openid.startsWith('bench-')).map((r) => r.id);
  return Promise.all(ids.map((id) => createSession(deps.redis, id, 3600)));
}

/** Each request: a random buyer with a fresh Idempotency-Key, as a crowd of phones would send. */
function hammer(base: string, sale: { id: number; skuId: number }, tokens: string[], seconds: number): Promise<autocannon.Result> {
  const body = JSON.stringify({
    items: [{ skuId: sale.skuId, qty: 1 }],
    fulfillment: { type: 'pickup', storeId: 1 },
    activity: { type: 'flash', flashSaleId: sale.id },
  });
  let n = 0;
  return autocannon({
    url: `${base}/api/orders`,
    method: 'POST',
    connections: 100,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[Math.floor(Math.random() * tokens.length)]}`,
            'idempotency-key': `bench-${process.pid}-${n++}`,
          },
        }),
      },
    ],
  });
}

async function soldCount(deps: Awaited<ReturnType<typeof createTestDeps>>, saleId: number): Promise<number> {
  const [row] = await deps.db.select({ sold: flashSales.soldCount }).from(flashSales).where(eq(flashSales.id, saleId));
  return row.sold;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function report(phase: string, result: autocannon.Result): void {
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}×${(stat as { count: number }).count}`)
    .join(' ');
  console.log(
    `${phase}: ${Math.round(result.requests.average)} req/s · p50 ${result.latency.p50} ms · p99 ${result.latency.p99} ms · ${codes}`,
  );
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
