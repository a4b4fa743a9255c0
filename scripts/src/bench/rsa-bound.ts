/**
 * This box's RSA-2048 signing bound, measured in the same run: SHA256withRSA signatures a second
 * on one core (the BFF path under test runs on one process), taken in the harness between load
 * rounds, when nothing else of the bench is busy. A prepay costs the BFF two signatures — the
 * request to WeChat Pay and the paySign handed to the mini-program — so no prepay path can beat
 * half of it.
 */
import { generateKeyPairSync, sign } from 'node:crypto';

export const SIGNATURES_PER_PREPAY = 2;

let key: ReturnType<typeof generateKeyPairSync>['privateKey'] | undefined;

export function rsaSignsPerSecond(seconds = 2): number {
  key ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  // The shape of what WeChat Pay's Authorization signs: method, path, time, nonce, body.
  const message = Buffer.from(
    'POST\n/v3/pay/transactions/jsapi\n1796000000\n5K8264ILTKCH16CQ2502SI8ZNMTM67VS\n{"appid":"wx0000000000000000"}\n',
  );
  const started = performance.now();
  let signatures = 0;
  while (performance.now() - started < seconds * 1000) {
    sign('sha256', message, key);
    signatures++;
  }
  return signatures / ((performance.now() - started) / 1000);
}

/** Prepays a second this box could sign at most on one core. */
export const prepayBound = () => rsaSignsPerSecond() / SIGNATURES_PER_PREPAY;
