import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Db } from '@shop/db';
import type { Logger } from '../logger';
import { issueBirthdayCoupons, issueMonthlyCoupons } from './membership-coupons';

/**
 * Scheduled jobs on bullmq. bullmq speaks ioredis, so ioredis lives only here; the app uses
 * node-redis. Schedules are upserted by id, so every BFF process may call this at start.
 */
export const MEMBERSHIP_QUEUE = 'membership';
const TIMEZONE = 'Asia/Shanghai';

export type JobDeps = { db: Db; logger: Logger; now: () => Date };

export const membershipJobs: Record<string, (deps: JobDeps, job: Job) => Promise<unknown>> = {
  'birthday-coupons': (deps) => issueBirthdayCoupons(deps.db, deps.now()),
  'monthly-coupons': (deps) => issueMonthlyCoupons(deps.db, deps.now()),
};

export type Jobs = { queue: Queue; close: () => Promise<void> };

export async function startJobs(redisUrl: string, deps: JobDeps, options: { schedule?: boolean } = {}): Promise<Jobs> {
  // bullmq's blocking commands need no per-request retry limit.
  const connection = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(MEMBERSHIP_QUEUE, { connection });
  if (options.schedule !== false) {
    await queue.upsertJobScheduler('birthday-coupons', { pattern: '5 0 * * *', tz: TIMEZONE }, { name: 'birthday-coupons' });
    await queue.upsertJobScheduler('monthly-coupons', { pattern: '10 0 1 * *', tz: TIMEZONE }, { name: 'monthly-coupons' });
  }
  const worker = new Worker(
    MEMBERSHIP_QUEUE,
    async (job) => {
      const run = membershipJobs[job.name];
      if (!run) throw new Error(`unknown job ${job.name}`);
      const result = await run(deps, job);
      deps.logger.info({ job: job.name, result }, 'job done');
      return result;
    },
    { connection: connection.duplicate({ maxRetriesPerRequest: null }), concurrency: 1 },
  );
  worker.on('failed', (job, err) => deps.logger.error({ job: job?.name, err }, 'job failed'));
  return {
    queue,
    close: async () => {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}
