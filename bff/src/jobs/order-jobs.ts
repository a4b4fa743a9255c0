import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import type { OrderJobs } from '../deps';

export const ORDERS_QUEUE = 'orders';

/**
 * Delayed close jobs on bullmq, one per order (jobId dedupes retries). The sweeper in
 * scheduler.ts is the backstop if a job is ever lost.
 */
export function createOrderJobs(connection: IORedis, now: () => Date, prefix?: string): OrderJobs {
  const queue = new Queue(ORDERS_QUEUE, { connection, prefix });
  const delayUntil = (at: Date) => Math.max(0, at.getTime() - now().getTime());
  return {
    async closeUnpaidAt(orderId, at) {
      await queue.add(
        'close-unpaid',
        { orderId },
        {
          jobId: `close-${orderId}`,
          delay: delayUntil(at),
          removeOnComplete: 1000,
          removeOnFail: 5000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 5000 },
        },
      );
    },
    async expireGroupAt(groupId, at) {
      await queue.add(
        'expire-group',
        { groupId },
        {
          jobId: `expire-group-${groupId}`,
          delay: delayUntil(at),
          removeOnComplete: 1000,
          removeOnFail: 5000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 5000 },
        },
      );
    },
    async cancelClose(orderId) {
      await queue.remove(`close-${orderId}`);
    },
    close: () => queue.close(),
  };
}
