/**
 * A customer's side of the shop for the fault scenarios: log in through the sandbox's wx.login,
 * place pickup orders, pay them in WeChat, and the one question every scenario ends on — is the
 * money and stock still right (bff/src/consistency, docs/consistency.md).
 */
import { createHash } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { inventory, members, orders, payments, products, skus, stores, type Db } from '@shop/db';
import { checkConsistency, formatReport } from '../../../bff/src/consistency';
import { createSession } from '../../../bff/src/http/sessions';
import { receive, withInventoryTx } from '../../../bff/src/modules/inventory';
import type { Redis } from '../../../bff/src/redis';

export type Answer<T = Record<string, unknown>> = { status: number; body: T };
type Target = { bffUrl: string; sandboxUrl: string };

/**
 * Customers reach the BFF through the proxy from their own addresses (X-Forwarded-For, trusted in
 * production): one made-up address per session or login, so per-address limits see many phones.
 */
function addressOf(who: string): string {
  const h = createHash('sha256').update(who).digest();
  return `10.${h[0]}.${h[1]}.${(h[2] % 250) + 1}`;
}

/** One request; a refused connection is status 0, so a caller can tell "down" from "answered". */
export async function call<T = Record<string, unknown>>(
  target: Target,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer<T>> {
  try {
    const response = await fetch(`${target.bffUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': addressOf(options.token ?? JSON.stringify(options.body ?? path)),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  } catch {
    return { status: 0, body: {} as T };
  }
}

export async function sandbox<T = unknown>(target: Target, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${target.sandboxUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export type FaultSpec = { api: string; kind: string; value?: number | string; times?: number };
export const injectFault = (target: Target, fault: FaultSpec) => sandbox(target, 'POST', '/sandbox/faults', fault);
export const clearFaults = (target: Target) => sandbox(target, 'DELETE', '/sandbox/faults');

/** A real login: wx.login's code from the sandbox, exchanged at POST /api/auth/login. */
export async function signIn(target: Target, openid: string): Promise<{ token: string; memberId: number }> {
  const { code } = await sandbox<{ code: string }>(target, 'GET', `/sandbox/login-code?openid=${encodeURIComponent(openid)}`);
  const answer = await call<{ token: string; user: { id: number } }>(target, 'POST', '/api/auth/login', { body: { code } });
  if (answer.status !== 200) throw new Error(`login ${openid}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { token: answer.body.token, memberId: answer.body.user.id };
}

export type Customer = { memberId: number; token: string; openid: string };

/** `count` new members with sessions written straight to Redis (as the bench does), for crowds. */
export async function customers(db: Db, redis: Redis, prefix: string, count: number): Promise<Customer[]> {
  const openids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await db
    .insert(members)
    .ignore()
    .values(openids.map((openid, i) => ({ openid, nickname: `${prefix}${i}` })));
  const rows = await db.select({ id: members.id, openid: members.openid }).from(members).where(inArray(members.openid, openids));
  return Promise.all(rows.map(async (row) => ({ memberId: row.id, openid: row.openid, token: await createSession(redis, row.id, 3600) })));
}

/**
 * `count` SKUs on sale at the first open store, none of them in `not`, each topped up (a goods
 * receipt through the inventory module, so the ledger stays whole) to at least `minFree` units.
 */
export async function stockedSkus(
  db: Db,
  count: number,
  minFree: number,
  not: number[] = [],
): Promise<{ storeId: number; skuIds: number[] }> {
  const [store] = await db.select({ id: stores.id }).from(stores).where(eq(stores.status, 'open')).orderBy(stores.id).limit(1);
  const rows = await db
    .select({ skuId: inventory.skuId, free: sql<number>`${inventory.onHand} - ${inventory.reserved}` })
    .from(inventory)
    .innerJoin(skus, eq(skus.id, inventory.skuId))
    .innerJoin(products, eq(products.id, skus.productId))
    .where(and(eq(inventory.storeId, store.id), eq(products.status, 'on_sale'), eq(skus.status, 'active'), gt(skus.priceFen, 1000)))
    .orderBy(inventory.skuId)
    .limit(count + not.length + 20);
  const picked = rows.filter((r) => !not.includes(r.skuId)).slice(0, count);
  if (picked.length < count) throw new Error(`only ${picked.length} SKUs on sale, wanted ${count}`);
  const short = picked.filter((r) => Number(r.free) < minFree);
  if (short.length > 0) {
    await withInventoryTx(db, (tx) =>
      receive(tx, {
        storeId: store.id,
        lines: short.map((r) => ({ skuId: r.skuId, qty: minFree - Number(r.free) })),
        reference: `fault-topup-${process.pid}-${Date.now()}`,
        actor: { type: 'system' },
      }),
    );
  }
  return { storeId: store.id, skuIds: picked.map((r) => r.skuId) };
}

export type Placed = { orderId: number; orderNo: string; prepayId: string | null; status: number };

let keys = 0;
export const newKey = (prefix: string) => `${prefix}-${process.pid}-${Date.now()}-${++keys}`;

/** POST /api/orders for one pickup line; the WeChat prepay happens inside it. */
export async function placeOrder(
  target: Target,
  token: string,
  line: { skuId: number; qty?: number; storeId: number; activity?: unknown },
  key = newKey('fault'),
): Promise<Placed & { answer: Answer }> {
  const answer = await call<{ order?: { id: number; orderNo: string }; payment?: { package: string } | null }>(
    target,
    'POST',
    '/api/orders',
    {
      token,
      headers: { 'idempotency-key': key },
      body: {
        items: [{ skuId: line.skuId, qty: line.qty ?? 1 }],
        fulfillment: { type: 'pickup', storeId: line.storeId },
        ...(line.activity ? { activity: line.activity } : {}),
      },
    },
  );
  return {
    status: answer.status,
    orderId: answer.body.order?.id ?? 0,
    orderNo: answer.body.order?.orderNo ?? '',
    prepayId: answer.body.payment?.package?.replace('prepay_id=', '') ?? null,
    answer: answer as Answer,
  };
}

/** The customer pays in WeChat: the sandbox marks it paid and sends TRANSACTION.SUCCESS to the BFF. */
export async function payInWechat(target: Target, orderNo: string): Promise<void> {
  await sandbox(target, 'POST', '/sandbox/pay/confirm', { out_trade_no: orderNo });
}

export type OrderState = { status: string; paidFen: number; payments: { status: string }[] };

/** What MariaDB holds for an order: its status, paid amount and every payment row. */
export async function orderState(db: Db, orderId: number): Promise<OrderState> {
  const [row] = await db.select({ status: orders.status, paidFen: orders.paidFen }).from(orders).where(eq(orders.id, orderId));
  const pays = await db.select({ status: payments.status }).from(payments).where(eq(payments.orderId, orderId));
  return { status: row?.status ?? 'missing', paidFen: row?.paidFen ?? 0, payments: pays };
}

/** Polls until `check` passes (effects that land asynchronously: notifications, jobs, reconnects). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

/** Every invariant of docs/consistency.md holds; the report is the failure message otherwise. */
export async function assertConsistent(db: Db): Promise<void> {
  const report = await checkConsistency(db, new Date());
  if (!report.ok) throw new Error(`consistency checker:\n${formatReport(report)}`);
}
