import { and, eq, gte, max, ne, sql } from 'drizzle-orm';
import { lockMember } from '../member';
import { flashSales, members, orderLines, orders, tiers, type DbOrTx, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { AppError, errors } from '../../http/errors';
import { admit, giveBack, rebuild, type Admission, type Attempt } from './gate';

export type FlashActivity = { type: 'flash'; flashSaleId: number };
export type SaleRow = typeof flashSales.$inferSelect;

/** What the gate needs to know about a sale, cached in Redis so rejections never reach MariaDB. */
type SaleMeta = {
  id: number;
  skuId: number;
  status: string;
  startsAt: number;
  endsAt: number;
  perUserLimit: number;
  allocatedStock: number;
  earlyMinutes: number;
};

const META_TTL_SECONDS = 30;
const metaKey = (saleId: number) => `flash:{${saleId}}:meta`;

async function saleMeta(deps: Pick<AppDeps, 'db' | 'redis'>, saleId: number): Promise<SaleMeta | null> {
  const cached = await deps.redis.get(metaKey(saleId));
  if (cached) return JSON.parse(cached) as SaleMeta | null;
  const [sale] = await deps.db.select().from(flashSales).where(eq(flashSales.id, saleId)).limit(1);
  const [early] = await deps.db.select({ minutes: max(tiers.flashEarlyAccessMinutes) }).from(tiers);
  const meta: SaleMeta | null = sale
    ? { ...sale, startsAt: sale.startsAt.getTime(), endsAt: sale.endsAt.getTime(), earlyMinutes: Number(early?.minutes ?? 0) }
    : null;
  await deps.redis.set(metaKey(saleId), JSON.stringify(meta), { EX: META_TTL_SECONDS });
  return meta;
}

export type GatePass = Attempt & { admission: Admission };

/**
 * Runs before any database work of a flash order: window, SKU and limits from the cached sale,
 * then the atomic Redis gate. Sold-out and over-limit attempts end here.
 */
export async function passGate(
  deps: Pick<AppDeps, 'db' | 'redis' | 'now' | 'logger'>,
  memberId: number,
  idempotencyKey: string,
  activity: FlashActivity,
  items: { skuId: number; qty: number }[],
): Promise<GatePass> {
  const meta = await saleMeta(deps, activity.flashSaleId);
  const now = deps.now().getTime();
  if (!meta || meta.status !== 'active' || now > meta.endsAt) throw errors.rule('FLASH_ENDED', '秒杀活动已结束');
  if (items.length !== 1 || items[0].skuId !== meta.skuId) throw errors.rule('ACTIVITY_ITEMS_MISMATCH', '秒杀商品与活动不符，请重新选择');
  if (now < meta.startsAt && !(await mayEnterEarly(deps.db, memberId, meta.startsAt, meta.earlyMinutes, now)))
    throw errors.rule('FLASH_NOT_STARTED', '秒杀尚未开始，请稍后再来');
  const attempt = { saleId: meta.id, memberId, qty: items[0].qty, perUserLimit: meta.perUserLimit, idempotencyKey };
  if (attempt.qty > meta.perUserLimit) throw limitError(meta.perUserLimit);
  let admission = await admit(deps.redis, attempt);
  if (admission === 'cold') {
    await warmGate(deps, meta);
    admission = await admit(deps.redis, attempt);
  }
  if (admission === 'cold') throw new AppError('unavailable', 'FLASH_BUSY', '活动太火爆了，请稍后重试');
  if (admission === 'sold_out') throw errors.rule('FLASH_SOLD_OUT', '手慢了，已经抢光啦');
  if (admission === 'over_limit') throw limitError(meta.perUserLimit);
  return { ...attempt, admission };
}

function limitError(limit: number) {
  return errors.rule('FLASH_LIMIT', `每人限购 ${limit} 件，你已抢购过了`);
}

/**
 * Gold members enter early (tiers.flash_early_access_minutes). The member's tier is only looked up
 * inside `widestEarlyMinutes` (the longest early access any tier has) before the start.
 */
async function mayEnterEarly(db: DbOrTx, memberId: number, startsAt: number, widestEarlyMinutes: number, now: number): Promise<boolean> {
  if (now < startsAt - widestEarlyMinutes * 60_000) return false;
  const [row] = await db
    .select({ minutes: tiers.flashEarlyAccessMinutes })
    .from(members)
    .innerJoin(tiers, eq(tiers.code, members.tierCode))
    .where(eq(members.id, memberId))
    .limit(1);
  return now >= startsAt - (row?.minutes ?? 0) * 60_000;
}

/**
 * Rebuilds a lost gate (Redis restarted or flushed) from the database: units left, who bought
 * how many, which attempts were admitted. One process rebuilds under a lock; the others wait.
 */
async function warmGate(deps: Pick<AppDeps, 'db' | 'redis' | 'now'>, meta: SaleMeta): Promise<void> {
  const lock = `flash:{${meta.id}}:rebuild`;
  if (!(await deps.redis.set(lock, '1', { NX: true, PX: 5_000 }))) {
    for (let i = 0; i < 50 && (await deps.redis.exists(`flash:{${meta.id}}:stock`)) === 0; i++) await sleep(50);
    return;
  }
  try {
    const [sale] = await deps.db.select({ soldCount: flashSales.soldCount }).from(flashSales).where(eq(flashSales.id, meta.id)).limit(1);
    const held = await liveOrdersOfSale(deps.db, meta.id);
    const buyers = new Map<number, number>();
    for (const row of held) buyers.set(row.memberId, (buyers.get(row.memberId) ?? 0) + row.qty);
    const ttlMs = meta.endsAt + 86_400_000 - deps.now().getTime();
    await rebuild(
      deps.redis,
      meta.id,
      { unitsLeft: meta.allocatedStock - (sale?.soldCount ?? 0), buyers, admittedKeys: held.map((r) => `${r.memberId}:${r.key}`) },
      ttlMs,
    );
  } finally {
    await deps.redis.del(lock);
  }
}

/** Orders of a sale that still hold their units (everything but cancelled ones). */
async function liveOrdersOfSale(db: DbOrTx, saleId: number, memberId?: number) {
  const rows = await db
    .select({ memberId: orders.memberId, key: orders.idempotencyKey, qty: orderLines.qty })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(
      and(
        eq(orders.activityType, 'flash'),
        eq(orders.activityId, saleId),
        ne(orders.status, 'cancelled'),
        memberId ? eq(orders.memberId, memberId) : undefined,
      ),
    );
  return rows.map((r) => ({ memberId: r.memberId!, key: r.key ?? '', qty: r.qty }));
}

/** The sale price for the quote and the order (window incl. early access, SKU, limit). */
export async function priceForFlash(
  db: DbOrTx,
  memberId: number,
  lines: { skuId: number; qty: number }[],
  activity: FlashActivity,
  now: Date,
): Promise<{ sale: SaleRow; unitPriceFen: number }> {
  const [sale] = await db.select().from(flashSales).where(eq(flashSales.id, activity.flashSaleId)).limit(1);
  if (!sale || sale.status !== 'active' || sale.endsAt < now) throw errors.rule('FLASH_ENDED', '秒杀活动已结束');
  if (lines.length !== 1 || lines[0].skuId !== sale.skuId) throw errors.rule('ACTIVITY_ITEMS_MISMATCH', '秒杀商品与活动不符，请重新选择');
  if (lines[0].qty > sale.perUserLimit) throw limitError(sale.perUserLimit);
  // Outside the hot path: the tier is asked whenever the sale has not started yet.
  if (sale.startsAt > now && !(await mayEnterEarly(db, memberId, sale.startsAt.getTime(), Infinity, now.getTime()))) {
    throw errors.rule('FLASH_NOT_STARTED', '秒杀尚未开始，请稍后再来');
  }
  return { sale, unitPriceFen: sale.priceFen };
}

/**
 * Inside the order transaction, the database's word: the member's units (their row locked, so
 * their own parallel attempts queue) and a guarded increment of sold_count.
 */
export async function holdFlashUnits(tx: Tx, sale: SaleRow, memberId: number, qty: number): Promise<void> {
  await lockMember(tx, memberId);
  const bought = (await liveOrdersOfSale(tx, sale.id, memberId)).reduce((sum, r) => sum + r.qty, 0);
  if (bought + qty > sale.perUserLimit) throw limitError(sale.perUserLimit);
  const [held] = await tx
    .update(flashSales)
    .set({ soldCount: sql`${flashSales.soldCount} + ${qty}` })
    .where(
      and(
        eq(flashSales.id, sale.id),
        eq(flashSales.status, 'active'),
        sql`${flashSales.soldCount} + ${qty} <= ${flashSales.allocatedStock}`,
      ),
    );
  if (held.affectedRows !== 1) throw errors.rule('FLASH_SOLD_OUT', '手慢了，已经抢光啦');
}

type FlashOrder = {
  id: number;
  activityType: string | null;
  activityId: number | null;
  memberId: number | null;
  idempotencyKey: string | null;
};

/** An unpaid flash order was cancelled: its units go back to the sale (inside the cancel transaction). */
export async function releaseFlashUnits(tx: Tx, order: FlashOrder): Promise<number> {
  if (order.activityType !== 'flash' || !order.activityId) return 0;
  const [row] = await tx
    .select({ qty: sql<string>`sum(${orderLines.qty})` })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  const qty = Number(row?.qty ?? 0);
  await tx
    .update(flashSales)
    .set({ soldCount: sql`${flashSales.soldCount} - ${qty}` })
    .where(and(eq(flashSales.id, order.activityId), gte(flashSales.soldCount, qty)));
  return qty;
}

/** …and, once that committed, to the gate. */
export async function returnToGate(redis: AppDeps['redis'], order: FlashOrder, qty: number): Promise<void> {
  if (order.activityType !== 'flash' || !order.activityId || !order.memberId || qty <= 0) return;
  await giveBack(
    redis,
    { saleId: order.activityId, memberId: order.memberId, qty, idempotencyKey: order.idempotencyKey ?? '' },
    'cancelled',
  );
}

/** An admitted attempt whose order was not created. */
export async function refuseAfterGate(redis: AppDeps['redis'], pass: GatePass, err: unknown): Promise<void> {
  if (pass.admission !== 'admitted') return;
  const soldOut = (err as { code?: string })?.code === 'FLASH_SOLD_OUT';
  await giveBack(redis, pass, soldOut ? 'sold_out' : 'failed');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
