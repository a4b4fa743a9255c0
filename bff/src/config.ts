import { z } from 'zod';

const csv = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/** Everything configurable comes from env; secrets never have defaults outside dev/test. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().startsWith('mysql://'),
  REDIS_URL: z.string().startsWith('redis://'),
  /** Origins allowed to call the API from a browser (the H5 build). Never `*` in production. */
  CORS_ORIGINS: csv.default(['http://127.0.0.1:10086', 'http://localhost:10086']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** WeChat endpoints: production hosts, or the local sandbox in dev and tests. */
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  WECHATPAY_API_BASE: z.string().url().default('https://api.mch.weixin.qq.com'),
  WECHAT_APPID: z.string().min(1),
  WECHAT_APP_SECRET: z.string().min(1),
  /** HMAC key of the rotating member code (会员码); at least 32 characters. */
  MEMBER_CODE_SECRET: z.string().min(32),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(7 * 24 * 3600),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  corsOrigins: string[];
  logLevel: string;
  wechat: { apiBase: string; payApiBase: string; appid: string; appSecret: string };
  memberCodeSecret: string;
  sessionTtlSeconds: number;
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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    corsOrigins: e.CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    wechat: { apiBase: e.WECHAT_API_BASE, payApiBase: e.WECHATPAY_API_BASE, appid: e.WECHAT_APPID, appSecret: e.WECHAT_APP_SECRET },
    memberCodeSecret: e.MEMBER_CODE_SECRET,
    sessionTtlSeconds: e.SESSION_TTL_SECONDS,
  };
}
