import path from 'node:path';
import { z } from 'zod';
import type { WechatPayConfig } from './wechat/pay';

const csv = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * Requests per window (RATE_LIMIT_WINDOW_SECONDS, 60 s) before 429, as production needs them
 * (docs/domain.md#request-limits). Under NODE_ENV=test an unset limit is NO_LIMIT instead: test
 * files sign in and order hundreds of times from 127.0.0.1, and a test of a limit sets it in env.
 */
const REQUEST_LIMIT_DEFAULTS = {
  RATE_LIMIT_LOGIN_PER_IP: 60,
  RATE_LIMIT_LOGIN_PER_DEVICE: 10,
  RATE_LIMIT_ORDER_PER_IP: 300,
  RATE_LIMIT_ORDER_PER_USER: 20,
  RATE_LIMIT_COUPON_CLAIM_PER_IP: 300,
  RATE_LIMIT_COUPON_CLAIM_PER_USER: 30,
  RATE_LIMIT_COUPON_SCAN_PER_IP: 120,
  RATE_LIMIT_COUPON_SCAN_PER_USER: 10,
  RATE_LIMIT_PICKUP_VERIFY_PER_IP: 300,
  RATE_LIMIT_PICKUP_VERIFY_PER_USER: 60,
};
type RequestLimitName = keyof typeof REQUEST_LIMIT_DEFAULTS;
const NO_LIMIT = 1_000_000;

function requestLimitEnv() {
  const schema = z.coerce.number().int().min(1).max(NO_LIMIT).optional();
  return Object.fromEntries(Object.keys(REQUEST_LIMIT_DEFAULTS).map((name) => [name, schema])) as Record<RequestLimitName, typeof schema>;
}

/** Everything configurable comes from env; secrets never have defaults outside dev/test. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().startsWith('mysql://'),
  REDIS_URL: z.string().startsWith('redis://'),
  /** Origins allowed to call the API from a browser (the H5 build). Never `*` in production. */
  CORS_ORIGINS: csv.default(['http://127.0.0.1:10086', 'http://localhost:10086']),
  /**
   * Proxies in front of the BFF that append to X-Forwarded-For (a load balancer, nginx): the client
   * address is the entry that many from the right, never one a client wrote itself (the per-IP
   * request limits key on it). Default 1 in production, 0 (no proxy: the socket's address) elsewhere.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** WeChat endpoints: production hosts, or the local sandbox in dev and tests. */
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHATPAY_API_BASE: z.string().url().default('https://api.mch.weixin.qq.com'),
  WECHAT_APPID: z.string().min(1),
  WECHAT_APP_SECRET: z.string().min(1),
  /** HMAC key of the rotating member code (会员码); at least 32 characters. */
  MEMBER_CODE_SECRET: z.string().min(32),
  /** HMAC key of the rotating coupon code (券码, 线下核销); at least 32 characters, never the member code's key. */
  COUPON_CODE_SECRET: z.string().min(32),
  /** Key of pickup codes (取货码): their lookup HMAC and the sealed copy the customer sees; at least 32 characters. */
  PICKUP_CODE_SECRET: z.string().min(32),
  /** Days after "ready" when an uncollected order is reminded, then refunded and restocked. */
  PICKUP_REMIND_AFTER_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  PICKUP_REFUND_AFTER_DAYS: z.coerce.number().int().min(2).max(60).default(8),
  /** Wrong pickup codes per minute, per staff member and per store, before verification locks for the minute. */
  PICKUP_WRONG_CODE_LIMIT: z.coerce.number().int().min(1).max(100).default(10),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 3600),
  /** Redis key prefix of sessions (http/sessions.ts); tests give each file its own, since member ids repeat across their databases. */
  SESSION_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .default('sess'),
  /** Where WeChat reaches this BFF (notify URLs); https in production. */
  PUBLIC_BASE_URL: z.string().url().optional(),
  WECHATPAY_MCHID: z.string().min(1),
  WECHATPAY_MERCHANT_SERIAL: z.string().min(1),
  WECHATPAY_MERCHANT_PRIVATE_KEY: z.string().includes('PRIVATE KEY'),
  WECHATPAY_MERCHANT_CERT: z.string().includes('CERTIFICATE'),
  WECHATPAY_APIV3_KEY: z.string().length(32),
  /** Public-key verification mode (merchants since late 2024); without it, platform certificates. */
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PLATFORM_PUBLIC_KEY_ID: z.string().startsWith('PUB_KEY_ID_').optional(),
  ORDER_PAY_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  AFTER_SALE_RESPONSE_HOURS: z.coerce.number().int().min(1).max(240).default(48),
  /** Days after pickup (orders.completed_at) during which a customer may ask for 退货退款 / 换货 (docs/domain.md#after-sale). */
  AFTER_SALE_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Local media store's folder (dev and single-box installs; docs/operations.md#media). */
  MEDIA_DIR: z.string().min(1).default('.data/media'),
  /** Largest upload the media store accepts, in bytes (5 MB). */
  MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(20 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /**
   * Subscribe-message (订阅消息) template ids chosen in the mini-program admin; the keywords each
   * template must have are listed in modules/notify/messages.ts. Required in production.
   */
  WECHAT_TEMPLATE_GROUP_RESULT: z.string().min(1).optional(),
  WECHAT_TEMPLATE_PICKUP_READY: z.string().min(1).optional(),
  WECHAT_TEMPLATE_COUPON_EXPIRING: z.string().min(1).optional(),
  WECHAT_TEMPLATE_FLASH_START: z.string().min(1).optional(),
  WECHAT_TEMPLATE_LIVE_START: z.string().min(1).optional(),
  /** 开抢提醒: minutes before a flash sale starts that its reminders are sent. */
  FLASH_REMIND_BEFORE_MINUTES: z.coerce.number().int().min(0).max(120).default(3),
  /** Delivery attempts of an outbox row before it is marked dead (~1 h of backoff at 8). */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /**
   * Request limits (http/rate-limit.ts): a count per window per client IP, per signed-in member or
   * per device (one phone on one IP); past it, 429 RATE_LIMITED with Retry-After. Defaults in
   * REQUEST_LIMIT_DEFAULTS; see docs/domain.md#request-limits.
   */
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  ...requestLimitEnv(),
  /** Redis key prefix of the request limits' counters (tests give each file its own). */
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('ratelimit'),
});

/** Made-up ids in WeChat's format for dev and tests (the sandbox accepts any id). */
const DEV_TEMPLATES = {
  groupResult: 'R-PUnu8ie1ArdeNzvZe17iDqRsHaXc95ta7C9F8C91s',
  pickupReady: 'J6uJPn0RsUydh9D4pCwKmaSFGDQMKCUV_it2hQG15tw',
  couponExpiring: 'Q2n8cW0YkTm4pLx7ZsV3bR9hJd6fNu1aEoGi5tKyPqM',
  flashStart: 'F7kLq2ZxW9mRt4bN1cV8sYd3HgJp6uEaOi5TyQw0XeA',
  liveStart: 'L3vS8tRk2NpQ7xWc5mZb9YhD4gJa1uEeOi6TqFw0KsA',
};

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  corsOrigins: string[];
  /** See TRUSTED_PROXY_HOPS. */
  trustedProxyHops: number;
  logLevel: string;
  wechat: { apiBase: string; payApiBase: string; appid: string; appSecret: string };
  /** The merchant's side of the pay adapter's settings (host and appid come from `wechat`). */
  wechatPay: Omit<WechatPayConfig, 'apiBase' | 'appid' | 'timeoutMs' | 'clock'>;
  memberCodeSecret: string;
  couponCodeSecret: string;
  pickup: { codeSecret: string; remindAfterDays: number; refundAfterDays: number; wrongCodeLimit: number };
  sessionTtlSeconds: number;
  sessionKeyPrefix: string;
  orderPayTimeoutMinutes: number;
  afterSaleResponseHours: number;
  afterSaleWindowDays: number;
  /** The media store (bff/src/media): where the local adapter keeps files, the upload limit, the public URL prefix. */
  media: { dir: string; maxBytes: number; publicBase: string };
  /** Subscribe-message template ids, also handed to the mini-program for requestSubscribeMessage. */
  notifyTemplates: { groupResult: string; pickupReady: string; couponExpiring: string; flashStart: string; liveStart: string };
  /** 开抢提醒 go out this long before a flash sale starts. */
  flashRemindBeforeMinutes: number;
  outboxMaxAttempts: number;
  rateLimits: {
    windowSeconds: number;
    keyPrefix: string;
    login: { perIp: number; perDevice: number };
    order: { perIp: number; perUser: number };
    couponClaim: { perIp: number; perUser: number };
    couponScan: { perIp: number; perUser: number };
    pickupVerify: { perIp: number; perUser: number };
  };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.CORS_ORIGINS.includes('*')) {
    throw new Error('invalid configuration: CORS_ORIGINS must list origins in production, not *');
  }
  if (e.NODE_ENV === 'production' && !e.PUBLIC_BASE_URL?.startsWith('https://')) {
    throw new Error('invalid configuration: PUBLIC_BASE_URL must be the https URL WeChat calls back');
  }
  if (
    e.NODE_ENV === 'production' &&
    (!e.WECHAT_TEMPLATE_GROUP_RESULT ||
      !e.WECHAT_TEMPLATE_PICKUP_READY ||
      !e.WECHAT_TEMPLATE_COUPON_EXPIRING ||
      !e.WECHAT_TEMPLATE_FLASH_START ||
      !e.WECHAT_TEMPLATE_LIVE_START)
  ) {
    throw new Error(
      'invalid configuration: WECHAT_TEMPLATE_GROUP_RESULT, WECHAT_TEMPLATE_PICKUP_READY, WECHAT_TEMPLATE_COUPON_EXPIRING, WECHAT_TEMPLATE_FLASH_START and WECHAT_TEMPLATE_LIVE_START are required in production',
    );
  }
  if (e.COUPON_CODE_SECRET === e.MEMBER_CODE_SECRET) {
    throw new Error('invalid configuration: COUPON_CODE_SECRET must differ from MEMBER_CODE_SECRET');
  }
  const publicBase = (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    corsOrigins: e.CORS_ORIGINS,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS ?? (e.NODE_ENV === 'production' ? 1 : 0),
    logLevel: e.LOG_LEVEL,
    wechat: { apiBase: e.WECHAT_API_BASE, payApiBase: e.WECHATPAY_API_BASE, appid: e.WECHAT_APPID, appSecret: e.WECHAT_APP_SECRET },
    wechatPay: {
      mchid: e.WECHATPAY_MCHID,
      merchantSerial: e.WECHATPAY_MERCHANT_SERIAL,
      merchantPrivateKey: e.WECHATPAY_MERCHANT_PRIVATE_KEY,
      merchantCert: e.WECHATPAY_MERCHANT_CERT,
      apiV3Key: e.WECHATPAY_APIV3_KEY,
      platformPublicKey: e.WECHATPAY_PLATFORM_PUBLIC_KEY,
      platformPublicKeyId: e.WECHATPAY_PLATFORM_PUBLIC_KEY_ID,
      notifyUrl: `${publicBase}/api/pay/notify`,
      refundNotifyUrl: `${publicBase}/api/pay/refund-notify`,
    },
    memberCodeSecret: e.MEMBER_CODE_SECRET,
    couponCodeSecret: e.COUPON_CODE_SECRET,
    pickup: {
      codeSecret: e.PICKUP_CODE_SECRET,
      remindAfterDays: e.PICKUP_REMIND_AFTER_DAYS,
      refundAfterDays: e.PICKUP_REFUND_AFTER_DAYS,
      wrongCodeLimit: e.PICKUP_WRONG_CODE_LIMIT,
    },
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
    sessionKeyPrefix: e.SESSION_KEY_PREFIX,
    orderPayTimeoutMinutes: e.ORDER_PAY_TIMEOUT_MINUTES,
    afterSaleResponseHours: e.AFTER_SALE_RESPONSE_HOURS,
    afterSaleWindowDays: e.AFTER_SALE_WINDOW_DAYS,
    media: { dir: path.resolve(e.MEDIA_DIR), maxBytes: e.MEDIA_MAX_BYTES, publicBase: `${publicBase}/media` },
    notifyTemplates: {
      groupResult: e.WECHAT_TEMPLATE_GROUP_RESULT ?? DEV_TEMPLATES.groupResult,
      pickupReady: e.WECHAT_TEMPLATE_PICKUP_READY ?? DEV_TEMPLATES.pickupReady,
      couponExpiring: e.WECHAT_TEMPLATE_COUPON_EXPIRING ?? DEV_TEMPLATES.couponExpiring,
      flashStart: e.WECHAT_TEMPLATE_FLASH_START ?? DEV_TEMPLATES.flashStart,
      liveStart: e.WECHAT_TEMPLATE_LIVE_START ?? DEV_TEMPLATES.liveStart,
    },
    flashRemindBeforeMinutes: e.FLASH_REMIND_BEFORE_MINUTES,
    outboxMaxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    rateLimits: requestLimits(e),
  };
}

function requestLimits(e: z.infer<typeof EnvSchema>): Config['rateLimits'] {
  const get = (name: RequestLimitName) => e[name] ?? (e.NODE_ENV === 'test' ? NO_LIMIT : REQUEST_LIMIT_DEFAULTS[name]);
  return {
    windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    keyPrefix: e.RATE_LIMIT_KEY_PREFIX,
    login: { perIp: get('RATE_LIMIT_LOGIN_PER_IP'), perDevice: get('RATE_LIMIT_LOGIN_PER_DEVICE') },
    order: { perIp: get('RATE_LIMIT_ORDER_PER_IP'), perUser: get('RATE_LIMIT_ORDER_PER_USER') },
    couponClaim: { perIp: get('RATE_LIMIT_COUPON_CLAIM_PER_IP'), perUser: get('RATE_LIMIT_COUPON_CLAIM_PER_USER') },
    couponScan: { perIp: get('RATE_LIMIT_COUPON_SCAN_PER_IP'), perUser: get('RATE_LIMIT_COUPON_SCAN_PER_USER') },
    pickupVerify: { perIp: get('RATE_LIMIT_PICKUP_VERIFY_PER_IP'), perUser: get('RATE_LIMIT_PICKUP_VERIFY_PER_USER') },
  };
}

/** The pay adapter's settings from the app config (env), in one place for main.ts and tests. */
export function wechatPayConfig(config: Config, clock: () => Date): WechatPayConfig {
  return { ...config.wechatPay, apiBase: config.wechat.payApiBase, appid: config.wechat.appid, clock };
}
