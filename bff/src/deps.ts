import type { Db } from '@shop/db';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Redis } from './redis';
import type { OrderJobs } from './jobs/order-jobs';
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
  /** The current time; tests pass a controllable clock. */
  now: () => Date;
};
