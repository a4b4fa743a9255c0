import { and, eq, gte, sql } from 'drizzle-orm';
import { orders, payments, type DbOrTx } from '@shop/db';
import { shanghaiDayStart } from '../../domain/shanghai';
import { tillTenders } from './schema';

/**
 * 今日收银: the store's till sales since the start of the business day (Asia/Shanghai), split by
 * the tender the clerk recorded, so the cash drawer and each terminal's statement can be checked
 * against it. Till sales are not refunded online, so this is what was taken at the counter.
 * A till sale is born `completed` and paid at its creation (`paid_at = created_at`), so the
 * range is read on orders_store_status_idx (store, status, created_at).
 */
export async function tillDaySummary(db: DbOrTx, storeId: number, now: Date) {
  const dayStart = shanghaiDayStart(now);
  const rows = await db
    .select({ tender: payments.method, sales: sql<string>`count(*)`, amountFen: sql<string>`coalesce(sum(${payments.amountFen}), 0)` })
    .from(orders)
    .innerJoin(payments, eq(payments.orderId, orders.id))
    .where(
      and(
        eq(orders.storeId, storeId),
        eq(orders.status, 'completed'),
        gte(orders.createdAt, dayStart),
        eq(orders.channel, 'offline'),
        eq(payments.status, 'paid'),
      ),
    )
    .groupBy(payments.method);
  const tenders = tillTenders.map((tender) => {
    const row = rows.find((r) => r.tender === tender);
    return { tender, sales: Number(row?.sales ?? 0), amountFen: Number(row?.amountFen ?? 0) };
  });
  return {
    storeId,
    date: dayStart.toISOString(),
    sales: tenders.reduce((sum, t) => sum + t.sales, 0),
    totalFen: tenders.reduce((sum, t) => sum + t.amountFen, 0),
    tenders,
  };
}
