/**
 * `npm run soak [-- --seconds 600] [-- --rate 40]`: the production build under a steady mixed
 * load for a long while — browse 70 %, cart / checkout / pay 15 %, group joins 10 %, pickups 5 % —
 * on the bench's stack (private MariaDB + Redis, the WeChat sandbox, `bff/dist/main.js`).
 *
 * It passes when no answer is a 5xx or a transport error, the BFF's heap after a full GC at the end
 * is within 10 % of the heap after the warm-up (or grew by less than HEAP_SLACK_MB: a few MB of
 * caches filling are not a leak), and the consistency checker finds nothing. CI runs a 60-second
 * version (`.ci/run`); the 10-minute run's figures are in the README's reliability section.
 * Results go to scripts/bench/results/soak-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { members, products, staff } from '@shop/db';
import { eq, inArray } from 'drizzle-orm';
import { checkConsistency, formatReport } from '../../../bff/src/consistency';
import { ensureOsPackages } from '../lib/os-packages';
import { DATA_DIR, ROOT } from '../lib/paths';
import { freePort } from '../lib/processes';
import { connectHeapProbe } from './heap';
import type { LoadSummary, RequestTemplate } from './load';
import {
  createGroupCampaign,
  customerPool,
  openGroups,
  payThroughSandbox,
  placeOrders,
  readyForPickup,
  sellablePairs,
  sessionFor,
  type Customer,
  type Placed,
} from './scenarios';
import { rssOf, startStack, type Stack } from './stack';

const WARMUP_SECONDS = 20;
const GROUP_SIZE = 5;
const HEAP_GROWTH_LIMIT = 0.1;
const HEAP_SLACK_MB = 4;
const PICKUP_CLERKS = 4;

type Mix = { browse: number; checkout: number; groupJoin: number; pickup: number };
const MIX: Mix = { browse: 70, checkout: 15, groupJoin: 10, pickup: 5 };

type Plan = { templates: RequestTemplate[]; counts: Mix };

function parseArgs(argv: string[]) {
  const value = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  return { seconds: value('--seconds', 600), rate: value('--rate', 40) };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (p: string, headers?: Record<string, string>): RequestTemplate => ({ method: 'GET', path: p, headers });
const post = (p: string, token: string, body: unknown, extra: Record<string, string> = {}): RequestTemplate => ({
  method: 'POST',
  path: p,
  headers: { ...bearer(token), ...extra },
  body: JSON.stringify(body),
});

/** What a shopper reads: home slots, lists, details and searches, as cached reads mostly are. */
async function browseRequests(stack: Stack, customers: Customer[]): Promise<RequestTemplate[]> {
  const rows = await stack.database.db.select({ id: products.id }).from(products).where(eq(products.status, 'on_sale')).limit(60);
  const searches = ['连衣裙', 'lianyiqun', 'lyq', '牛奶', 'niunai', 't恤', '外套', 'wt'];
  const anonymous = [
    ...['/api/categories', '/api/flashsales', '/api/groupbuys', '/api/lives'].map((p) => get(p)),
    get('/api/products?sort=sales&page=1&pageSize=10'),
    get('/api/products?sort=price_asc&page=2&pageSize=10'),
    ...rows.map((r) => get(`/api/products/${r.id}`)),
    ...searches.map((q) => get(`/api/products?q=${encodeURIComponent(q)}`)),
  ];
  // Signed-in reads too: my cart and my orders.
  const signedIn = customers.slice(0, 40).flatMap((c) => [get('/api/cart', bearer(c.token)), get('/api/orders', bearer(c.token))]);
  return [...anonymous, ...signedIn];
}

/** Cart, checkout quote and order creation with its prepay (a fresh Idempotency-Key each, from the load). */
function checkoutRequests(customers: Customer[], pairs: { skuId: number; storeId: number }[], n: number): RequestTemplate[] {
  return Array.from({ length: n }, (_, i) => {
    const customer = customers[i % customers.length];
    const pair = pairs[(i * 7919) % pairs.length];
    const items = [{ skuId: pair.skuId, qty: 1 }];
    const fulfillment = { type: 'pickup', storeId: pair.storeId };
    if (i % 3 === 0) return post('/api/cart/items', customer.token, { skuId: pair.skuId, qty: 1 });
    if (i % 3 === 1) return post('/api/checkout/quote', customer.token, { items, fulfillment });
    return post('/api/orders', customer.token, { items, fulfillment });
  });
}

/**
 * Groups opened and paid for by their leaders before the soak, then joined during it: each join
 * is its own customer's order for a seat of an open group (four joiners fill a group of five).
 */
async function groupJoinRequests(stack: Stack, customers: Customer[], joins: number, label: string): Promise<RequestTemplate[]> {
  const groupCount = Math.max(1, Math.ceil(joins / (GROUP_SIZE - 1)));
  const campaign = await createGroupCampaign(stack, {
    code: `SOAK-${process.pid}-${label}`,
    size: GROUP_SIZE,
    groups: groupCount,
    perUserLimit: 99,
  });
  const groupIds = await openGroups(stack, customers.slice(0, groupCount), campaign, `soak-leader-${process.pid}-${label}`);
  const items = [{ skuId: campaign.skuId, qty: 1 }];
  const joiners = customers.slice(groupCount);
  return Array.from({ length: joins }, (_, i) => {
    const group = Math.floor(i / (GROUP_SIZE - 1));
    const joiner = joiners[i % joiners.length];
    return post('/api/orders', joiner.token, {
      items,
      fulfillment: { type: 'pickup', storeId: 1 },
      activity: { type: 'group', campaignId: campaign.id, groupId: groupIds[group % groupIds.length] },
    });
  });
}

/** Paid, ready orders at store 1: the clerk looks each code up, then hands the order over. */
async function pickupRequests(stack: Stack, customers: Customer[], n: number, label: string): Promise<RequestTemplate[]> {
  const orders = Math.max(1, Math.ceil(n / 2));
  const pairs = (await sellablePairs(stack, orders + 100)).filter((p) => p.storeId === 1);
  const clerk = await sessionFor(stack, 'demo-clerk-1');
  const placed: Placed[] = await placeOrders(stack, customers.slice(0, orders), pairs, `soak-pickup-${process.pid}-${label}`);
  await payThroughSandbox(stack, placed);
  const ready = await readyForPickup(stack, placed, clerk);
  const counter = await storeClerks(stack, 1, PICKUP_CLERKS, label);
  const till = { 'user-agent': 'till-phone/1.0 (soak)' };
  return ready.flatMap(({ orderId, code }, i) => [
    post('/api/staff/pickups/verify', counter[i % counter.length].token, { code }, till),
    post(`/api/staff/pickups/${orderId}/confirm`, counter[i % counter.length].token, { code }, till),
  ]);
}

/** Clerks at a store's pickup counter (a busy store has several; each has its own request limit). */
async function storeClerks(stack: Stack, storeId: number, count: number, label: string): Promise<Customer[]> {
  const db = stack.database.db;
  const openids = Array.from({ length: count }, (_, i) => `soak-clerk-${label}-${i}`);
  await db.insert(members).values(openids.map((openid, i) => ({ openid, nickname: `店员${i + 1}` })));
  const rows = await db.select({ id: members.id }).from(members).where(inArray(members.openid, openids));
  await db.insert(staff).values(rows.map((row) => ({ memberId: row.id, storeId, role: 'clerk' as const })));
  return Promise.all(openids.map((openid) => sessionFor(stack, openid)));
}

/** Interleaves the kinds in their shares, in a fixed order, so every stretch of the run has the same mix. */
function interleave(kinds: Record<keyof Mix, RequestTemplate[]>, total: number): RequestTemplate[] {
  const cursor: Record<keyof Mix, number> = { browse: 0, checkout: 0, groupJoin: 0, pickup: 0 };
  const credit: Record<keyof Mix, number> = { browse: 0, checkout: 0, groupJoin: 0, pickup: 0 };
  const names = Object.keys(MIX) as (keyof Mix)[];
  const out: RequestTemplate[] = [];
  for (let i = 0; i < total; i++) {
    for (const k of names) credit[k] += MIX[k] / 100;
    const kind = names.reduce((best, k) => (credit[k] > credit[best] ? k : best));
    credit[kind] -= 1;
    const list = kinds[kind];
    out.push(list[cursor[kind]++ % list.length]);
  }
  return out;
}

async function planMix(stack: Stack, seconds: number, rate: number, label: string): Promise<Plan> {
  const total = Math.ceil(seconds * rate);
  const share = (k: keyof Mix) => Math.ceil((total * MIX[k]) / 100);
  const all = await customerPool(stack, 4000)();
  const pairs = await sellablePairs(stack, 100_000);
  const counts = { browse: share('browse'), checkout: share('checkout'), groupJoin: share('groupJoin'), pickup: share('pickup') };
  console.log(`  preparing ${counts.groupJoin} group joins and ${counts.pickup} pickup steps …`);
  const kinds = {
    browse: await browseRequests(stack, all),
    checkout: checkoutRequests(all.slice(0, 1000), pairs, counts.checkout),
    groupJoin: await groupJoinRequests(stack, all.slice(1000, 3000), counts.groupJoin, label),
    pickup: await pickupRequests(stack, all.slice(3000), counts.pickup, label),
  };
  return { templates: interleave(kinds, total), counts };
}

const fiveHundreds = (summary: LoadSummary) =>
  Object.entries(summary.statusCodes)
    .filter(([code]) => Number(code) >= 500)
    .reduce((sum, [, n]) => sum + n, 0);

async function main(): Promise<number> {
  const { seconds, rate } = parseArgs(process.argv.slice(2));
  ensureOsPackages(['mariadb', 'redis']);
  const dataDir = path.join(DATA_DIR, `soak-${process.pid}`);
  const inspectorPort = await freePort();
  const startedAt = new Date();
  console.log(`soak: ${seconds} s at ${rate} req/s (+${WARMUP_SECONDS} s warm-up) on ${os.cpus().length} × ${os.cpus()[0]?.model}`);
  const stack = await startStack(dataDir, { bffArgs: [`--inspect=127.0.0.1:${inspectorPort}`] });
  const heap = await connectHeapProbe(inspectorPort);
  let failures: string[] = [];
  try {
    const warmup = await planMix(stack, WARMUP_SECONDS, rate, 'warm');
    const soak = await planMix(stack, seconds, rate, 'soak');
    const run = (plan: Plan, prefix: string) =>
      stack.load({
        base: stack.bff.url,
        requests: plan.templates,
        // One request a second per connection: autocannon paces each connection at a whole number of
        // requests per second, so rate ÷ connections must not be a fraction (32 connections at 40/s ran 32/s).
        connections: rate,
        amount: plan.templates.length,
        rate,
        idempotencyPrefix: `${prefix}-${process.pid}`,
      });
    const warm = await run(warmup, 'soak-warm');
    const heapAfterWarmupMb = await heap.usedAfterGcMb();
    console.log(`  warm-up: ${warm.requests} requests, p99 ${warm.p99} ms; heap after GC ${heapAfterWarmupMb} MB`);
    const result = await run(soak, 'soak');
    const heapAfterSoakMb = await heap.usedAfterGcMb();
    const report = await checkConsistency(stack.database.db, new Date());
    const growth = heapAfterSoakMb / heapAfterWarmupMb - 1;
    failures = [
      ...(fiveHundreds(result) ? [`${fiveHundreds(result)} answers were 5xx`] : []),
      ...(result.errors + result.timeouts ? [`${result.errors} transport errors, ${result.timeouts} timeouts`] : []),
      ...(growth > HEAP_GROWTH_LIMIT && heapAfterSoakMb - heapAfterWarmupMb > HEAP_SLACK_MB
        ? [`heap grew ${(growth * 100).toFixed(1)} % (${heapAfterWarmupMb} → ${heapAfterSoakMb} MB)`]
        : []),
      ...(report.ok ? [] : [formatReport(report)]),
    ];
    const summary = {
      startedAt: startedAt.toISOString(),
      seconds,
      rate,
      mix: MIX,
      counts: soak.counts,
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
      requests: result.requests,
      achievedRps: Math.round(result.rps * 10) / 10,
      p50Ms: result.p50,
      p99Ms: result.p99,
      maxMs: result.max,
      statusCodes: result.statusCodes,
      heapAfterWarmupMb,
      heapAfterSoakMb,
      heapGrowthPct: Math.round(growth * 1000) / 10,
      bffRssMb: rssOf(stack.bff.pid),
      loadAvg: os.loadavg().map((l) => Math.round(l * 100) / 100),
      consistent: report.ok,
      failures,
    };
    console.log(JSON.stringify(summary, null, 2));
    writeResult(summary);
  } catch (err) {
    failures = [String((err as Error).stack ?? err)];
  } finally {
    heap.close();
    await stack.stop();
    if (!failures.length && !process.env.BENCH_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`logs kept under ${path.relative(ROOT, dataDir)}`);
  }
  for (const f of failures) console.error(`✘ ${f}`);
  console.log(failures.length ? '\n✘ SOAK FAILED' : '\n✔ soak passed');
  return failures.length ? 1 : 0;
}

function writeResult(summary: { startedAt: string }): void {
  const dir = path.join(ROOT, 'scripts', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `soak-${summary.startedAt.slice(0, 16).replace(':', '')}.json`);
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
  console.log(`result: ${path.relative(ROOT, file)}`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
