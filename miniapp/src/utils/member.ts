/** Display rules for membership data: member codes, points ledger lines, tier visuals. */

/** "000000002568690566" → "0000 0000 2568 6905 66": groups of four, as payment codes read. */
export function groupDigits(code: string): string {
  return code.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

const POINTS_REASONS: Record<string, string> = {
  order_completed: '下单完成',
  refund_reversal: '退款扣回',
  exchange: '积分兑换',
  seed: '初始积分',
  birthday: '生日礼遇',
  adjustment: '积分调整',
  expired: '积分过期',
};

/** The Chinese label of a points ledger reason; an unknown reason still reads sensibly. */
export function pointsReasonLabel(reason: string): string {
  return POINTS_REASONS[reason] ?? '积分变动';
}

/** "+120" / "-35": the sign is always shown on ledger lines. */
export function formatPointsDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** Visual family of a tier badge; tiers added later fall back to the plain style. */
export type TierTone = 'normal' | 'silver' | 'gold';

export function tierTone(code: string): TierTone {
  return code === 'silver' || code === 'gold' ? code : 'normal';
}

/** 85 → "8.5折", 80 → "8折", 100 → "" (no discount). */
export function discountLabel(discountPercent: number): string {
  if (discountPercent >= 100) return '';
  return `${discountPercent / 10}折`;
}

/** The second line of a ledger entry: which order or refund it belongs to, when that helps. */
export function pointsReferenceLabel(reason: string, reference: string): string | null {
  if (!reference) return null;
  if (reason === 'order_completed') return `订单号 ${reference}`;
  if (reason === 'refund_reversal') return `退款单号 ${reference}`;
  return null;
}
