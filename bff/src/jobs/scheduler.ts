import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { AppDeps } from '../deps';
import { closeIfOverdue, sweepOverdue } from '../modules/checkout';
import { reconcilePendingPayments } from '../modules/payment';
import { escalateOverdueRequests, retryDueRefunds } from '../modules/refund';
import { expireLapsedCoupons, issueBirthdayCoupons, issueMonthlyCoupons, remindExpiringCoupons } from '../modules/coupon';
import { ORDERS_QUEUE } from './order-jobs';
import { expireGroup, sweepGroups } from '../modules/groupbuy';
import { refundUncollected, remindUncollected } from '../modules/pickup';
import { relayOutbox } from './outbox-relay';

/**
 * Scheduled jobs on bullmq. bullmq speaks ioredis, so ioredis lives only here; the app uses
 * node-redis. Schedules are upserted by id, so every BFF process may call this at start.
 */
export const MEMBERSHIP_QUEUE = 'membership';
const TIMEZONE = 'Asia/Shanghai';

export type JobDeps = AppDeps;

export const membershipJobs: Record<string, (deps: JobDeps, job: Job) => Promise<unknown>> = {
  'birthday-coupons': (deps) => issueBirthdayCoupons(deps.db, deps.now()),
  'monthly-coupons': (deps) => issueMonthlyCoupons(deps.db, deps.now()),
  // Coupons past the end of their last Asia/Shanghai day; the 即将过期 message the day before.
  'expire-coupons': (deps) => expireLapsedCoupons(deps),
  'remind-expiring-coupons': (deps) => remindExpiringCoupons(deps),
};

export const orderJobs: Record<string, (deps: JobDeps, job: Job) => Promise<unknown>> = {
  'close-unpaid': (deps, job) => closeIfOverdue(deps, (job.data as { orderId: number }).orderId),
  'sweep-unpaid': (deps) => sweepOverdue(deps),
  'reconcile-payments': (deps) => reconcilePendingPayments(deps),
  // Failed refund calls, approved refunds nobody sent, accepted refunds without a notification.
  'retry-refunds': (deps) => retryDueRefunds(deps),
  'escalate-refund-requests': (deps) => escalateOverdueRequests(deps),
  'expire-group': (deps, job) => expireGroup(deps, (job.data as { groupId: number }).groupId),
  // Lost expiry jobs, and refunds of failed groups a crash interrupted.
  'sweep-groups': (deps) => sweepGroups(deps),
  // Uncollected pickups: a reminder on day 3, a refund and restock on day 8 (config).
  'pickup-reminders': (deps) => remindUncollected(deps),
  'pickup-refunds': (deps) => refundUncollected(deps),
  // Outbox rows (subscribe messages …) written with state changes; retried with backoff.
  'relay-outbox': (deps) => relayOutbox(deps, { batch: 50 }),
};

export type Jobs = { queue: Queue; close: () => Promise<void> };

export async function startJobs(redisUrl: string, deps: JobDeps, options: { schedule?: boolean } = {}): Promise<Jobs> {
  // bullmq's blocking commands need no per-request retry limit.
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(MEMBERSHIP_QUEUE, { connection });
  if (options.schedule !== false) {
    await queue.upsertJobScheduler('birthday-coupons', { pattern: '5 0 * * *', tz: TIMEZONE }, { name: 'birthday-coupons' });
    await queue.upsertJobScheduler('monthly-coupons', { pattern: '10 0 1 * *', tz: TIMEZONE }, { name: 'monthly-coupons' });
    await queue.upsertJobScheduler('expire-coupons', { pattern: '1 0 * * *', tz: TIMEZONE }, { name: 'expire-coupons' });
    await queue.upsertJobScheduler('remind-expiring-coupons', { pattern: '0 10 * * *', tz: TIMEZONE }, { name: 'remind-expiring-coupons' });
  }
  const ordersQueue = new Queue(ORDERS_QUEUE, { connection });
  if (options.schedule !== false) {
    await ordersQueue.upsertJobScheduler('sweep-unpaid', { every: 60_000 }, { name: 'sweep-unpaid' });
    await ordersQueue.upsertJobScheduler('reconcile-payments', { every: 120_000 }, { name: 'reconcile-payments' });
    await ordersQueue.upsertJobScheduler('retry-refunds', { every: 60_000 }, { name: 'retry-refunds' });
    await ordersQueue.upsertJobScheduler('sweep-groups', { every: 60_000 }, { name: 'sweep-groups' });
    await ordersQueue.upsertJobScheduler('pickup-reminders', { every: 600_000 }, { name: 'pickup-reminders' });
    await ordersQueue.upsertJobScheduler('pickup-refunds', { every: 600_000 }, { name: 'pickup-refunds' });
    await ordersQueue.upsertJobScheduler('escalate-refund-requests', { every: 600_000 }, { name: 'escalate-refund-requests' });
    await ordersQueue.upsertJobScheduler('relay-outbox', { every: 15_000 }, { name: 'relay-outbox' });
  }
  // Each worker blocks on its own connection; bullmq does not close connections it was given.
  const workerConnections = [0, 1].map(() => connection.duplicate({ maxRetriesPerRequest: null }));
  const workers = [
    worker(MEMBERSHIP_QUEUE, membershipJobs, deps, workerConnections[0], 1),
    worker(ORDERS_QUEUE, orderJobs, deps, workerConnections[1], 4),
  ];
  return {
    queue,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([queue.close(), ordersQueue.close()]);
      for (const c of [...workerConnections, connection]) c.disconnect();
    },
  };
}

function worker(
  name: string,
  handlers: Record<string, (deps: JobDeps, job: Job) => Promise<unknown>>,
  deps: JobDeps,
  connection: IORedis,
  concurrency: number,
): Worker {
  const w = new Worker(
    name,
    async (job) => {
      const run = handlers[job.name];
      if (!run) throw new Error(`unknown job ${job.name}`);
      const result = await run(deps, job);
      deps.logger.info({ queue: name, job: job.name, result }, 'job done');
      return result;
    },
    { connection, concurrency },
  );
  w.on('failed', (job, err) => deps.logger.error({ queue: name, job: job?.name, err }, 'job failed'));
  return w;
}
