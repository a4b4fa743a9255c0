import { and, eq, lt } from 'drizzle-orm';
import { payments } from '@shop/db';
import type { AppDeps } from '../../deps';
import { findOrder } from '../order';
import { syncPayment } from './service';

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger' | 'orderJobs'>;

/** A payment is "late" when no notification settled it this long after it was created. */
const LATE_AFTER_MS = 2 * 60_000;

/**
 * Resolves payments that stay pending: asks WeChat about each and settles the paid ones; the
 * unpaid ones are closed by the unpaid-order close (job or sweeper) at their deadline.
 */
export async function reconcilePendingPayments(deps: Deps, batch = 200): Promise<{ checked: number; settled: number }> {
  const stale = await deps.db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(and(eq(payments.status, 'pending'), lt(payments.createdAt, new Date(deps.now().getTime() - LATE_AFTER_MS))))
    .limit(batch);
  let settled = 0;
  for (const { orderId } of stale) {
    const order = await findOrder(deps.db, orderId);
    if (order && (await syncPayment(deps, order)) === 'paid') settled += 1;
  }
  return { checked: stale.length, settled };
}
