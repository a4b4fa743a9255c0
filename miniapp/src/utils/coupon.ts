import type { CenterState, CouponFace, CouponTab, MyCoupon, ShareCoupon } from '../services/coupon';
import { formatFen } from './money';

/** Whole yuan without trailing zeros: 2000 → "20", 1550 → "15.5". */
export function yuanText(fen: number): string {
  return formatFen(fen).replace(/\.?0+$/, '');
}

/**
 * The face of a coupon the BFF sends as its rule only (分享领券's pack): the same words the BFF's
 * own faces use (¥8 无门槛, 8.8折 满100元可用).
 */
export function faceOfRule(
  rule: Pick<ShareCoupon, 'kind' | 'amountOffFen' | 'percent' | 'thresholdFen'>,
): Pick<CouponFace, 'value' | 'unit' | 'condition'> {
  const percent = rule.kind === 'percent';
  const value = percent ? String((rule.percent ?? 100) / 10) : yuanText(rule.amountOffFen ?? 0);
  return {
    value,
    unit: percent ? 'zhe' : 'yuan',
    condition: rule.thresholdFen > 0 ? `满${yuanText(rule.thresholdFen)}元可用` : '无门槛',
  };
}

/** The validity line of a pack's coupon: 领取后7天内有效 or 2026.12.01-2026.12.31. */
export function ruleValidityText(rule: Pick<ShareCoupon, 'validity' | 'validFrom' | 'validTo' | 'validDays'>): string {
  if (rule.validity === 'relative') return `领取后${rule.validDays ?? 1}天内有效`;
  const day = (iso: string | null) => (iso ? shanghaiDay(iso) : '');
  return `${day(rule.validFrom)}-${day(rule.validTo)}`;
}

/** 2026.12.31 for an instant, as the day it is in Asia/Shanghai. */
export function shanghaiDay(iso: string): string {
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCFullYear()}.${pad(at.getUTCMonth() + 1)}.${pad(at.getUTCDate())}`;
}

export const COUPON_TABS: { tab: CouponTab; label: string }[] = [
  { tab: 'available', label: '可使用' },
  { tab: 'used', label: '已使用' },
  { tab: 'expired', label: '已过期' },
];

/** The button of a 领券中心 ticket, and whether it can be tapped. */
export function centerAction(state: CenterState, newCustomersOnly: boolean): { text: string; enabled: boolean; ghost: boolean } {
  switch (state) {
    case 'claimable':
      return { text: '立即领取', enabled: true, ghost: false };
    case 'claimed':
      return { text: '已领取', enabled: false, ghost: true };
    case 'sold_out':
      return { text: '已抢光', enabled: false, ghost: false };
    case 'not_eligible':
      return { text: newCustomersOnly ? '新客专享' : '暂不可领', enabled: false, ghost: false };
  }
}

/** The stamp over a coupon of 已使用 / 已过期, or a locked one (held by an unpaid order). */
export function myCouponStamp(coupon: Pick<MyCoupon, 'status' | 'usedChannel'>): string | null {
  switch (coupon.status) {
    case 'used':
      return coupon.usedChannel === 'offline' ? '已核销' : '已使用';
    case 'expired':
      return '已过期';
    case 'locked':
      return '使用中';
    default:
      return null;
  }
}

/** Where a source put the coupon, in Chinese (我的优惠券's 使用规则). */
export function sourceText(source: MyCoupon['source']): string {
  const table: Record<MyCoupon['source'], string> = {
    center: '领券中心',
    new_customer: '新人礼包',
    monthly: '会员月度礼包',
    birthday: '生日礼包',
    points: '积分兑换',
    store_qr: '门店扫码',
    live: '直播间',
    share: '好友分享',
    share_reward: '分享奖励',
  };
  return table[source] ?? '平台发放';
}

const TOKEN = /^\d{1,10}\.[A-Za-z0-9_-]{22}$/;

/**
 * The 扫码领券 token in what was scanned or pasted: the token itself, a link or page path with
 * `t=<token>` (the QR opens `pages/coupon-scan/index?t=…`), or a 小程序码's `scene=<token>`.
 * null when there is none.
 */
export function claimTokenOf(text: string): string | null {
  const trimmed = text.trim();
  if (TOKEN.test(trimmed)) return trimmed;
  const match = /[?&#](?:t|scene)=([^&#\s]+)/.exec(trimmed);
  if (!match) return null;
  let value = match[1];
  try {
    value = decodeURIComponent(value);
  } catch {
    return null;
  }
  return TOKEN.test(value) ? value : null;
}

/** A customer's rotating 券码 (到店使用): 20 digits, starting with 9. */
export const COUPON_CODE_LENGTH = 20;

/** A 券码 as typed or scanned: digits only, at most 20. */
export function couponCodeInput(text: string): string {
  return text.replace(/\D+/g, '').slice(0, COUPON_CODE_LENGTH);
}

/** Whether the text is a whole 券码 (the till tells it from the 18-digit 会员码 by length and lead digit). */
export function isCouponCode(text: string): boolean {
  return /^9\d{19}$/.test(text);
}

/** "1234 5678 9012" for reading a code aloud; a code with letters is left whole. */
export function groupCode(code: string): string {
  return /^\d+$/.test(code) ? code.replace(/(\d{4})(?=\d)/g, '$1 ') : code;
}
