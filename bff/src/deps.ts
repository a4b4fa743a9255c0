import type { Db } from '@shop/db';
import type { Config } from './config';
import type { Logger } from './logger';
import type { MediaStore } from './media';
import type { ReadCache } from './read-cache';
import type { Redis } from './redis';
import type { WechatPay } from './wechat/pay';
import type { WechatMiniProgram } from './wechat/ports';

/** Everything the app needs from outside, passed in explicitly (tests pass real ones too). */
export type AppDeps = {
  config: Config;
  db: Db;
  redis: Redis;
  logger: Logger;
  wechat: WechatMiniProgram;
  pay: WechatPay;
  orderJobs: OrderJobs;
  /** In-process cache of browsing reads, invalidated across processes over Redis pub/sub (read-cache.ts). */
  readCache: ReadCache;
  /** Where uploaded files' bytes live (bff/src/media: local disk, S3-compatible in production). */
  media: MediaStore;
  /** The current time; tests pass a controllable clock. */
  now: () => Date;
};

/** Delayed jobs the modules schedule (bullmq in jobs/order-jobs.ts): when to look at an order or a group again. */
export type OrderJobs = {
  closeUnpaidAt(orderId: number, at: Date): Promise<void>;
  /** Takes a close job back (the order's placement was undone). */
  cancelClose(orderId: number): Promise<void>;
  /** When an open group's time runs out (the group sweeper is the backstop). */
  expireGroupAt(groupId: number, at: Date): Promise<void>;
  close(): Promise<void>;
};
