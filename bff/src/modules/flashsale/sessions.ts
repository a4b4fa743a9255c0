import { and, asc, eq, gte, lte } from 'drizzle-orm';
import { flashSales, products, skus, type DbOrTx } from '@shop/db';
import { shanghaiDayEnd, shanghaiDayStart } from '../../domain/shanghai';
import type { SaleRow } from './admission';

/** A sale as a list card shows it: price, window, progress and whether it can be bought now. */
export type SaleState = 'upcoming' | 'running' | 'sold_out' | 'ended';

export function saleCard(sale: SaleRow, imageUrl: string, listPriceFen: number, now: Date) {
  return {
    id: sale.id,
    title: sale.title,
    productId: sale.productId,
    skuId: sale.skuId,
    imageUrl,
    priceFen: sale.priceFen,
    listPriceFen,
    startsAt: sale.startsAt.toISOString(),
    endsAt: sale.endsAt.toISOString(),
    soldPercent: Math.min(100, Math.floor((sale.soldCount * 100) / Math.max(1, sale.allocatedStock))),
    remaining: Math.max(0, sale.allocatedStock - sale.soldCount),
    perUserLimit: sale.perUserLimit,
    state: saleState(sale, now),
  };
}

export function saleState(sale: SaleRow, now: Date): SaleState {
  if (sale.startsAt > now) return 'upcoming';
  if (sale.endsAt < now) return 'ended';
  return sale.soldCount >= sale.allocatedStock ? 'sold_out' : 'running';
}

/**
 * A 场次 is every sale starting at the same minute. Its state, as the tabs label it:
 * `upcoming` 即将开始 (not started), `running` 抢购中 (the latest session that has started and
 * still has a sale open), `started` 已开抢 (an earlier session, or one whose sales all ended).
 */
export type SessionState = 'started' | 'running' | 'upcoming';

/**
 * 秒杀场次 of today and tomorrow (Asia/Shanghai) by start time, each with its sales; sales paused
 * by the shop are left out. Served by flash_sales_window_idx (status, starts_at).
 */
export async function flashSessions(db: DbOrTx, now: Date) {
  const from = shanghaiDayStart(now);
  const until = shanghaiDayEnd(now, 1);
  const rows = await db
    .select({ sale: flashSales, images: products.images, skuPrice: skus.priceFen })
    .from(flashSales)
    .innerJoin(products, eq(products.id, flashSales.productId))
    .innerJoin(skus, eq(skus.id, flashSales.skuId))
    .where(and(eq(flashSales.status, 'active'), gte(flashSales.startsAt, from), lte(flashSales.startsAt, until)))
    .orderBy(asc(flashSales.startsAt), asc(flashSales.id));
  const byStart = new Map<number, typeof rows>();
  for (const row of rows) {
    const key = row.sale.startsAt.getTime();
    byStart.set(key, [...(byStart.get(key) ?? []), row]);
  }
  const starts = [...byStart.keys()];
  // The running session: the latest that has started with a sale still open.
  const running = starts.filter((start) => start <= now.getTime() && byStart.get(start)!.some((r) => r.sale.endsAt >= now)).at(-1);
  const sessions = starts.map((start) => {
    const sales = byStart.get(start)!;
    const state: SessionState = start > now.getTime() ? 'upcoming' : start === running ? 'running' : 'started';
    return {
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(Math.max(...sales.map((r) => r.sale.endsAt.getTime()))).toISOString(),
      /** 0 today, 1 tomorrow (Asia/Shanghai). */
      day: start >= shanghaiDayEnd(now).getTime() ? 1 : 0,
      state,
      sales: sales.map(({ sale, images, skuPrice }) => saleCard(sale, images[0] ?? '', skuPrice, now)),
    };
  });
  // The tab to open on: the running session, else the next to start, else the last one.
  const current = sessions.findIndex((s) => s.state === 'running');
  const next = sessions.findIndex((s) => s.state === 'upcoming');
  return { sessions, currentIndex: current >= 0 ? current : next >= 0 ? next : sessions.length - 1 };
}

export async function findFlashSale(db: DbOrTx, id: number): Promise<SaleRow | undefined> {
  const [row] = await db.select().from(flashSales).where(eq(flashSales.id, id)).limit(1);
  return row;
}
