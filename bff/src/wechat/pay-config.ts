import type { Config } from '../config';
import type { WechatPayConfig } from './pay';

/** The pay adapter's settings from the app config (env), in one place for main.ts and tests. */
export function wechatPayConfig(config: Config): WechatPayConfig {
  const pay = config.wechatPay;
  return {
    apiBase: config.wechat.payApiBase,
    appid: config.wechat.appid,
    mchid: pay.mchid,
    merchantSerial: pay.merchantSerial,
    merchantPrivateKey: pay.merchantPrivateKey,
    merchantCert: pay.merchantCert,
    apiV3Key: pay.apiV3Key,
    platformPublicKey: pay.platformPublicKey,
    platformPublicKeyId: pay.platformPublicKeyId,
    notifyUrl: pay.notifyUrl,
    refundNotifyUrl: pay.refundNotifyUrl,
  };
}
