/**
 * Refund arithmetic as pure functions (table-tested in test/refund/amounts.test.ts): how much a
 * refund of some lines is worth, how long to wait before asking WeChat again, and the refund
 * number. The service turns the typed problems into user-facing errors.
 */

/** A line as far as refunds are concerned; `committed*` counts every refund not rejected or closed. */
export type RefundableLine = {
  id: number;
  qty: number;
  payableFen: number;
  committedQty: number;
  committedFen: number;
};

export type RefundPick = { orderLineId: number; qty: number };
export type RefundLineAmount = { orderLineId: number; qty: number; amountFen: number };

export type RefundPlan =
  { ok: true; lines: RefundLineAmount[]; amountFen: number } | { ok: false; problem: RefundProblem; orderLineId?: number };

export type RefundProblem = 'unknown_line' | 'duplicate_line' | 'bad_qty' | 'qty_exceeds' | 'nothing_left' | 'zero_amount' | 'exceeds_paid';

/**
 * The refund of `picks` (or of everything still refundable when `picks` is undefined).
 * A partial quantity is worth floor(payable × qty / line qty), in the merchant's favour for this
 * part only: the refund that takes a line's last units gets exactly what is left, so the parts
 * of a line always sum to its payable amount (and the lines to the order's, by allocation).
 * `remainingPaidFen` (paid − every committed refund) is the order-level ceiling.
 */
export function planRefund(
  lines: readonly RefundableLine[],
  picks: readonly RefundPick[] | undefined,
  remainingPaidFen: number,
): RefundPlan {
  const byId = new Map(lines.map((line) => [line.id, line]));
  const wanted = picks ?? lines.filter((l) => l.qty > l.committedQty).map((l) => ({ orderLineId: l.id, qty: l.qty - l.committedQty }));
  if (wanted.length === 0) return { ok: false, problem: 'nothing_left' };
  const planned: RefundLineAmount[] = [];
  for (const pick of wanted) {
    const line = byId.get(pick.orderLineId);
    if (!line) return { ok: false, problem: 'unknown_line', orderLineId: pick.orderLineId };
    if (planned.some((p) => p.orderLineId === line.id)) return { ok: false, problem: 'duplicate_line', orderLineId: line.id };
    if (!Number.isSafeInteger(pick.qty) || pick.qty < 1) return { ok: false, problem: 'bad_qty', orderLineId: line.id };
    if (pick.qty > line.qty - line.committedQty) return { ok: false, problem: 'qty_exceeds', orderLineId: pick.orderLineId };
    planned.push({ orderLineId: line.id, qty: pick.qty, amountFen: lineAmount(line, pick.qty) });
  }
  const amountFen = planned.reduce((sum, line) => sum + line.amountFen, 0);
  if (amountFen > remainingPaidFen) return { ok: false, problem: 'exceeds_paid' };
  // WeChat refunds at least 1 fen; a line the discounts made free has nothing to give back.
  if (amountFen <= 0) return { ok: false, problem: 'zero_amount' };
  return { ok: true, lines: planned, amountFen };
}

/** What `qty` units of a line are worth given what earlier refunds already took. */
export function lineAmount(line: RefundableLine, qty: number): number {
  if (line.committedQty + qty === line.qty) return line.payableFen - line.committedFen;
  return Math.floor((line.payableFen * qty) / line.qty);
}

/** Seconds to wait after the n-th failed call (1-based): 30 s, 2 min, 10 min, 30 min, 2 h, then every 6 h. */
const BACKOFF_SECONDS = [30, 120, 600, 1800, 7200, 21600];

export function retryDelayMs(failedAttempts: number): number {
  const index = Math.min(Math.max(failedAttempts, 1), BACKOFF_SECONDS.length) - 1;
  return BACKOFF_SECONDS[index] * 1000;
}

/** Calls to WeChat that fail before the refund is marked failed and handed to staff (~15 h with the backoff above). */
export const MAX_REFUND_ATTEMPTS = 8;

/**
 * out_refund_no: "RF", the order number without its "SO", and the order's refund sequence
 * (RF250101120000123456-01). Unique because order numbers are; 22 characters, well under 64.
 */
export function outRefundNo(orderNo: string, sequence: number): string {
  const suffix = orderNo.replace(/^[A-Z]{2}/, '');
  return `RF${suffix}-${String(sequence).padStart(2, '0')}`;
}

/** WeChat limits the refund reason to 80 bytes; ours allows 200 characters, so cut on a character boundary. */
export function wechatReason(reason: string, maxBytes = 80): string {
  let out = reason;
  while (Buffer.byteLength(out) > maxBytes) out = [...out].slice(0, -1).join('');
  return out;
}
