import { randomInt } from 'node:crypto';
import { shanghaiIso } from '../../domain/shanghai';

/**
 * Order numbers double as WeChat Pay's out_trade_no (6–32 of [A-Za-z0-9_-|*]): "SO", the
 * Asia/Shanghai time to the second, then 6 random digits — sortable, readable on the phone.
 */
export function newOrderNo(now: Date, prefix = 'SO'): string {
  const stamp = shanghaiIso(now).slice(2).replace(/\D/g, ''); // yyMMddHHmmss
  return `${prefix}${stamp}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}
