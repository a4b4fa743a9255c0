import { Queue } from 'bullmq';
import type IORedis from 'ioredis';

export const ORDERS_QUEUE = 'orders';

/** The order module's view of scheduling: when to look at an unpaid order again. */
export type OrderJobs = {
  closeUnpaidAt(orderId: number, at: Date): Promise<void>;
  /** When an open group's time runs out (the group sweeper is the backstop). */
  expireGroupAt(groupId: number, at: Date): Promise<void>;
  close(): Promise<void>;
};

/**
 * Delayed close jobs on bullmq, one per order (jobId dedupes retries). The sweeper in
 * scheduler.ts is the backstop if a job is ever lost.
 */
export function createOrderJobs(connection: IORedis, prefix?: string): OrderJobs {
  const queue = new Queue(ORDERS_QUEUE, { connection, prefix });
  return {
    async closeUnpaidAt(orderId, at) {
      await queue.add(
        'close-unpaid',
        { orderId },
        {
          jobId: `close-${orderId}`,
          delay: Math.max(0, at.getTime() - Date.now()),
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
          delay: Math.max(0, at.getTime() - Date.now()),
          removeOnComplete: 1000,
          removeOnFail: 5000,
          attempts: 5,
          backoff: { type: 'exponential', delay: 5000 },
        },
      );
    },
    close: () => queue.close(),
  };
}
