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
import { syncRefunded } from '../modules/aftersale';
import { sendDueReminders } from '../modules/reminder';

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
  // After-sale requests whose refund WeChat confirmed: refunding → refunded.
  'after-sale-refunds': (deps) => syncRefunded(deps),
  // 开抢提醒 whose time has come: each stamped sent and written to the outbox once.
  'flash-reminders': (deps) => sendDueReminders(deps),
};

export type Jobs = { queue: Queue; close: () => Promise<void> };

/** The repeating jobs, each upserted by id (so every process, and every re-upsert, keeps one schedule). */
const SCHEDULES: { queue: 'membership' | 'orders'; id: string; repeat: { pattern: string; tz: string } | { every: number } }[] = [
  { queue: 'membership', id: 'birthday-coupons', repeat: { pattern: '5 0 * * *', tz: TIMEZONE } },
  { queue: 'membership', id: 'monthly-coupons', repeat: { pattern: '10 0 1 * *', tz: TIMEZONE } },
  { queue: 'membership', id: 'expire-coupons', repeat: { pattern: '1 0 * * *', tz: TIMEZONE } },
  { queue: 'membership', id: 'remind-expiring-coupons', repeat: { pattern: '0 10 * * *', tz: TIMEZONE } },
  { queue: 'orders', id: 'sweep-unpaid', repeat: { every: 60_000 } },
  { queue: 'orders', id: 'reconcile-payments', repeat: { every: 120_000 } },
  { queue: 'orders', id: 'retry-refunds', repeat: { every: 60_000 } },
  { queue: 'orders', id: 'sweep-groups', repeat: { every: 60_000 } },
  { queue: 'orders', id: 'pickup-reminders', repeat: { every: 600_000 } },
  { queue: 'orders', id: 'pickup-refunds', repeat: { every: 600_000 } },
  { queue: 'orders', id: 'escalate-refund-requests', repeat: { every: 600_000 } },
  { queue: 'orders', id: 'relay-outbox', repeat: { every: 15_000 } },
  { queue: 'orders', id: 'after-sale-refunds', repeat: { every: 30_000 } },
  { queue: 'orders', id: 'flash-reminders', repeat: { every: 30_000 } },
];

/**
 * How often a process looks whether the schedules are still in Redis. They live only there: a
 * Redis that restarted empty or was flushed has lost them (and every delayed close or expiry job,
 * which the sweepers above find again in MariaDB), and nothing would run until the next deploy.
 */
export const SCHEDULE_CHECK_MS = 15_000;

export async function startJobs(redisUrl: string, deps: JobDeps, options: { schedule?: boolean } = {}): Promise<Jobs> {
  // bullmq's blocking commands need no per-request retry limit.
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queues = { membership: new Queue(MEMBERSHIP_QUEUE, { connection }), orders: new Queue(ORDERS_QUEUE, { connection }) };
  const upsertSchedules = async () => {
    for (const s of SCHEDULES) await queues[s.queue].upsertJobScheduler(s.id, s.repeat, { name: s.id });
  };
  let watch: NodeJS.Timeout | undefined;
  if (options.schedule !== false) {
    await upsertSchedules();
    // A schedule missing from Redis means Redis lost its data: put them all back (idempotent by id).
    let checking = false;
    watch = setInterval(() => {
      if (checking) return;
      checking = true;
      void (async () => {
        const missing = [];
        for (const s of SCHEDULES) if (!(await queues[s.queue].getJobScheduler(s.id))) missing.push(s.id);
        if (missing.length === 0) return;
        await upsertSchedules();
        deps.logger.warn({ missing }, 'job schedules were missing from Redis (restarted empty or flushed); upserted again');
      })()
        .catch((err: unknown) => deps.logger.warn({ err }, 'job schedule check failed (Redis unavailable?)'))
        .finally(() => {
          checking = false;
        });
    }, SCHEDULE_CHECK_MS);
    watch.unref();
  }
  // Each worker blocks on its own connection; bullmq does not close connections it was given.
  const workerConnections = [0, 1].map(() => connection.duplicate({ maxRetriesPerRequest: null }));
  const workers = [
    worker(MEMBERSHIP_QUEUE, membershipJobs, deps, workerConnections[0], 1),
    worker(ORDERS_QUEUE, orderJobs, deps, workerConnections[1], 4),
  ];
  return {
    queue: queues.membership,
    close: async () => {
      clearInterval(watch);
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([queues.membership.close(), queues.orders.close()]);
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
