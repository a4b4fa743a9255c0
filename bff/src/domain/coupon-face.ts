import { shanghaiDate } from './shanghai';
import { couponLabel, yuan, zhe, type Coupon } from './pricing';

/**
 * How a coupon reads to a customer (docs/domain.md#coupons): the big figure on the left of the
 * ticket, its condition, what it covers, where it may be used, and until when. Pure, so the
 * claim centre, 我的优惠券, checkout and the till all say the same thing.
 */
export type CouponRule = Pick<Coupon, 'kind' | 'amountOffFen' | 'percent' | 'maxDiscountFen' | 'thresholdFen' | 'scope'> & {
  channel: 'online' | 'offline' | 'both';
};

export type CouponFace = {
  kind: Coupon['kind'];
  value: string;
  unit: 'yuan' | 'zhe';
  label: string;
  condition: string;
  scopeText: string;
  channel: CouponRule['channel'];
  channelText: string;
};

const SCOPE_TEXT: Record<Coupon['scope'], string> = { all: '全场通用', categories: '指定分类可用', products: '指定商品可用' };
const CHANNEL_TEXT: Record<CouponRule['channel'], string> = { online: '仅限线上使用', offline: '仅限门店使用', both: '线上线下通用' };

export function couponFace(rule: CouponRule): CouponFace {
  const percent = rule.kind === 'percent';
  return {
    kind: rule.kind,
    value: percent ? zhe(rule.percent!) : yuan(rule.amountOffFen!),
    unit: percent ? 'zhe' : 'yuan',
    label: couponLabel(rule),
    condition: rule.thresholdFen > 0 ? `满${yuan(rule.thresholdFen)}元可用` : '无门槛',
    scopeText: SCOPE_TEXT[rule.scope],
    channel: rule.channel,
    channelText: CHANNEL_TEXT[rule.channel],
  };
}

/** '2026.12.01-2026.12.31' (Asia/Shanghai days; the end day is included). */
export function validityText(validFrom: Date, validTo: Date): string {
  const day = (at: Date) => shanghaiDate(at).replace(/-/g, '.');
  return `${day(validFrom)}-${day(validTo)}`;
}

/** A template's validity before anyone holds it: its window, or '领取后7天内有效'. */
export function templateValidityText(t: {
  validity: 'fixed' | 'relative';
  validFrom: Date | null;
  validTo: Date | null;
  validDays: number | null;
}): string {
  if (t.validity === 'relative') return `领取后${t.validDays ?? 1}天内有效`;
  return t.validFrom && t.validTo ? validityText(t.validFrom, t.validTo) : '';
}
