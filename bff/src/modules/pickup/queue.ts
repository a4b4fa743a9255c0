import { and, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import { customerSummary, maskPhone } from '../member';
import { members, orders, staff, staffAuditLog, type DbOrTx, type OrderStatus } from '@shop/db';
import { shanghaiDayStart } from '../../domain/shanghai';
import { linesOf } from '../order';

const DAY_MS = 86_400_000;

/**
 * The store's work lists: to prepare, waiting for pickup, handed over today, and `flagged`: the
 * store's orders in any status whose `flagged_reason` asks for a human (a payment or refund that
 * does not match our record, an after-sale request past its deadline), newest first. Every line
 * carries its flag, so the queues show it too.
 */
export type QueueFilter = 'preparing' | 'ready_for_pickup' | 'picked_up_today' | 'flagged';

export async function storeQueue(db: DbOrTx, storeId: number, filter: QueueFilter, now: Date, limit = 50) {
  const where =
    filter === 'flagged'
      ? and(eq(orders.storeId, storeId), isNotNull(orders.flaggedReason))
      : filter === 'picked_up_today'
        ? and(
            eq(orders.storeId, storeId),
            eq(orders.status, 'completed'),
            eq(orders.fulfillment, 'pickup'),
            gte(orders.completedAt, shanghaiDayStart(now)),
          )
        : and(
            eq(orders.storeId, storeId),
            inArray(orders.status, (filter === 'preparing' ? ['paid', 'preparing'] : ['ready_for_pickup']) as OrderStatus[]),
          );
  const rows = await db
    .select({ order: orders, nickname: members.nickname, phone: members.phone })
    .from(orders)
    .leftJoin(members, eq(members.id, orders.memberId))
    .where(where)
    // Oldest first: the queue is worked in the order customers paid.
    .orderBy(filter === 'flagged' ? desc(orders.id) : filter === 'picked_up_today' ? desc(orders.completedAt) : orders.paidAt)
    .limit(limit);
  const lines = await linesOf(
    db,
    rows.map((r) => r.order.id),
  );
  return rows.map(({ order, nickname, phone }) => ({
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    paidFen: order.paidFen,
    paidAt: order.paidAt?.toISOString() ?? null,
    readyAt: order.readyAt?.toISOString() ?? null,
    completedAt: order.completedAt?.toISOString() ?? null,
    remark: order.remark,
    flaggedReason: order.flaggedReason,
    customer: customerSummary(nickname, phone),
    pickup: pickupOf(order, { masked: true }),
    items: lines
      .filter((l) => l.orderId === order.id)
      .map((l) => ({ title: l.title, specText: l.specText, qty: l.qty, imageUrl: l.imageUrl })),
  }));
}

/** Manager's dashboard: today's GMV by channel, the pickup pipeline, and verification lockouts. */
export async function storeMetrics(db: DbOrTx, storeId: number | undefined, now: Date, remindAfterDays: number) {
  const dayStart = shanghaiDayStart(now);
  const inStore = storeId ? eq(orders.storeId, storeId) : undefined;
  const gmv = await db
    .select({ channel: orders.channel, orders: sql<number>`count(*)`, gmvFen: sql<string>`coalesce(sum(${orders.paidFen}), 0)` })
    .from(orders)
    .where(and(inStore, gte(orders.paidAt, dayStart)))
    .groupBy(orders.channel);
  const [pipeline] = await db
    .select({
      preparing: sql<string>`sum(${orders.status} in ('paid', 'preparing'))`,
      ready: sql<string>`sum(${orders.status} = 'ready_for_pickup')`,
      overdue: sql<string>`sum(${orders.status} = 'ready_for_pickup' and ${orders.readyAt} <= ${new Date(now.getTime() - remindAfterDays * DAY_MS)})`,
    })
    .from(orders)
    .where(and(inStore, inArray(orders.status, ['paid', 'preparing', 'ready_for_pickup'])));
  const lockouts = await db
    .select({ staffId: staffAuditLog.staffId, at: staffAuditLog.createdAt, nickname: members.nickname })
    .from(staffAuditLog)
    .innerJoin(staff, eq(staff.id, staffAuditLog.staffId))
    .innerJoin(members, eq(members.id, staff.memberId))
    .where(
      and(
        eq(staffAuditLog.action, 'pickup.locked_out'),
        storeId ? eq(staffAuditLog.storeId, storeId) : undefined,
        gte(staffAuditLog.createdAt, dayStart),
      ),
    )
    .orderBy(desc(staffAuditLog.createdAt))
    .limit(20);
  return {
    date: dayStart.toISOString(),
    gmvByChannel: (['online', 'live', 'offline'] as const).map((channel) => {
      const row = gmv.find((g) => g.channel === channel);
      return { channel, orders: Number(row?.orders ?? 0), gmvFen: Number(row?.gmvFen ?? 0) };
    }),
    pickups: { preparing: Number(pipeline?.preparing ?? 0), ready: Number(pipeline?.ready ?? 0), overdue: Number(pipeline?.overdue ?? 0) },
    lockouts: lockouts.map((l) => ({ staffId: l.staffId, nickname: l.nickname || '店员', at: l.at.toISOString() })),
  };
}

/** The order's 提货人手机号 and slot for staff screens (the queue masks the phone). */
export function pickupOf(
  order: Pick<typeof orders.$inferSelect, 'pickupPhone' | 'pickupSlotStart' | 'pickupSlotEnd'>,
  options: { masked: boolean },
) {
  return {
    phone: order.pickupPhone ? (options.masked ? maskPhone(order.pickupPhone) : order.pickupPhone) : null,
    slotStart: order.pickupSlotStart?.toISOString() ?? null,
    slotEnd: order.pickupSlotEnd?.toISOString() ?? null,
  };
}
