import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { enqueue } from '../outbox';
import { pickupDeadline } from './deadline';
import { orders, pickupCodes, stores } from '@shop/db';
import type { AppDeps } from '../../deps';
import { tryTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { executeRefund, requestRefund } from '../refund';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger'>;

const DAY_MS = 86_400_000;

/**
 * Ready orders nobody collected since `before`, oldest first. With `voided`, also those whose
 * code the refund step already voided (a crash between voiding and requesting the refund).
 */
function uncollected(deps: Deps, before: Date, batch: number, voided = false) {
  return deps.db
    .select({ order: orders, reminders: pickupCodes.reminderCount, storeName: stores.name })
    .from(orders)
    .innerJoin(pickupCodes, and(eq(pickupCodes.orderId, orders.id), inArray(pickupCodes.status, voided ? ['open', 'void'] : ['open'])))
    .innerJoin(stores, eq(stores.id, orders.storeId))
    .where(and(eq(orders.status, 'ready_for_pickup'), lte(orders.readyAt, before)))
    .orderBy(asc(orders.readyAt))
    .limit(batch);
}

/**
 * Day 3: one reminder per order. The guarded bump of reminder_count and the outbox row share a
 * transaction, so running the job again (or two workers at once) reminds nobody twice.
 */
export async function remindUncollected(deps: Deps, batch = 200): Promise<number> {
  const now = deps.now();
  const due = await uncollected(deps, new Date(now.getTime() - deps.config.pickup.remindAfterDays * DAY_MS), batch);
  let reminded = 0;
  for (const { order, reminders, storeName } of due.filter((d) => d.reminders === 0)) {
    const sent = await deps.db.transaction(async (tx) => {
      const [bumped] = await tx
        .update(pickupCodes)
        .set({ reminderCount: reminders + 1 })
        .where(and(eq(pickupCodes.orderId, order.id), eq(pickupCodes.reminderCount, reminders)));
      if (bumped.affectedRows !== 1) return false;
      await enqueue(
        tx,
        'pickup.ready',
        {
          memberId: order.memberId!,
          orderId: order.id,
          orderNo: order.orderNo,
          storeName,
          pickupDeadline: pickupDeadline(deps, order.readyAt!).toISOString(),
          reminder: true,
        },
        { dedupeKey: `pickup.reminder:${order.id}`, at: now },
      );
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/**
 * Day 8: the order is refunded in full and its reservation released (the refund path does both
 * when WeChat confirms); the code is voided first so it can no longer be handed over. Idempotent
 * per order through the refund request key.
 */
export async function refundUncollected(deps: Deps, batch = 100): Promise<number> {
  const now = deps.now();
  const due = await uncollected(deps, new Date(now.getTime() - deps.config.pickup.refundAfterDays * DAY_MS), batch, true);
  for (const { order } of due) {
    // One order failing must not stop the others; the next run tries it again.
    await refundOne(deps, order).catch((err: unknown) =>
      deps.logger.warn({ err, orderNo: order.orderNo }, 'refunding an uncollected order failed'),
    );
  }
  return due.length;
}

async function refundOne(deps: Deps, order: { id: number; orderNo: string }): Promise<void> {
  // Only an open code is voided; a used or already void one stays as it is.
  await deps.db.transaction((tx) =>
    tryTransition(tx, lifecycles.pickupCode, { id: order.id, status: 'open' }, 'void', {
      actor: { type: 'system' },
      at: deps.now(),
      set: { openCodeHash: null },
    }),
  );
  const { refund, created } = await requestRefund(deps, {
    orderId: order.id,
    requestKey: 'pickup_overdue',
    reason: '超时未取货，自动退款',
    source: 'pickup_overdue',
  });
  if (created) {
    await executeRefund(deps, refund.id).catch((err: unknown) =>
      deps.logger.warn({ err, orderNo: order.orderNo }, 'overdue refund call failed; the retry job sends it again'),
    );
  }
}
