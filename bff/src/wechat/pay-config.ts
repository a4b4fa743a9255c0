import type { Config } from '../config';
import type { WechatPayConfig } from './pay';

/** The pay adapter's settings from the app config (env), in one place for main.ts and tests. */
export function wechatPayConfig(config: Config): WechatPayConfig {
  return { ...config.wechatPay, apiBase: config.wechat.payApiBase, appid: config.wechat.appid };
}
