import { formatFen } from './money';
import { routes, type PageUrl } from '../routes';
import type { Schema } from '../services/api';
import type { Adjustment, AvailableCoupon, CheckoutActivity, OrderStatus, Quote, RefundStatus, TimelineReason } from '../services/order';

type CouponRejection = Schema<'CouponRejection'>;
type ActivityType = Schema<'ActivityType'>;

/**
 * Where 确认订单 came from: the cart's ticked lines, 立即购买 with one SKU, or one SKU bought
 * under an activity — a 拼团 (joining `groupId`, or opening a new group without it) or a 秒杀.
 * `sharerId` is the member whose share brought the buyer here.
 */
export type CheckoutSource =
  | { from: 'cart' }
  | { from: 'buy'; skuId: number; qty: number }
  | { from: 'group'; campaignId: number; groupId: number | null; skuId: number; qty: number; sharerId: number | null }
  | { from: 'flash'; flashSaleId: number; skuId: number; qty: number; sharerId: number | null };

type Params = Record<string, string | undefined>;

/** A positive integer id, or null. */
function positiveId(value: string | undefined): number | null {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : null;
}

function quantity(value: string | undefined): number | null {
  const qty = value === undefined ? 1 : Number(value);
  return Number.isInteger(qty) && qty >= 1 && qty <= 99 ? qty : null;
}

/**
 * Reads `?from=cart`, `?from=buy&skuId=&qty=`, `?from=group&campaignId=&groupId=&skuId=&qty=` or
 * `?from=flash&flashSaleId=&skuId=&qty=` (the last two with an optional `sharerId`); null when the
 * link makes no sense.
 */
export function parseCheckoutParams(params: Params): CheckoutSource | null {
  if (params.from === 'cart') return { from: 'cart' };
  const skuId = positiveId(params.skuId);
  const qty = quantity(params.qty);
  if (skuId === null || qty === null) return null;
  if (params.from === 'buy') return { from: 'buy', skuId, qty };
  const sharerId = positiveId(params.sharerId);
  if (params.from === 'group') {
    const campaignId = positiveId(params.campaignId);
    if (campaignId === null) return null;
    // A groupId that is there but not an id is a broken link, not "open a new group".
    const groupId = params.groupId ? positiveId(params.groupId) : null;
    if (params.groupId && groupId === null) return null;
    return { from: 'group', campaignId, groupId, skuId, qty, sharerId };
  }
  if (params.from === 'flash') {
    const flashSaleId = positiveId(params.flashSaleId);
    if (flashSaleId === null) return null;
    return { from: 'flash', flashSaleId, skuId, qty, sharerId };
  }
  return null;
}

/** What the quote and the order are asked to apply for this source. */
export function checkoutActivity(source: CheckoutSource): CheckoutActivity | undefined {
  if (source.from === 'group') {
    return { type: 'group', campaignId: source.campaignId, ...(source.groupId !== null ? { groupId: source.groupId } : {}) };
  }
  if (source.from === 'flash') return { type: 'flash', flashSaleId: source.flashSaleId };
  return undefined;
}

/** The URL of 确认订单 for one SKU (立即购买). */
export function buyNowUrl(skuId: number, qty: number): PageUrl {
  return routes.checkout({ from: 'buy', skuId, qty });
}

/** 确认订单 for a 拼团: joining `groupId`, or opening a new group (as its leader) without it. */
export function groupCheckoutUrl(order: {
  campaignId: number;
  skuId: number;
  groupId?: number | null;
  qty?: number;
  sharerId?: number | null;
}): PageUrl {
  const { campaignId, groupId, skuId, qty = 1, sharerId } = order;
  return routes.checkout({ from: 'group', campaignId, groupId, skuId, qty, sharerId });
}

/** 确认订单 for a 秒杀. */
export function flashCheckoutUrl(order: { flashSaleId: number; skuId: number; qty?: number; sharerId?: number | null }): PageUrl {
  const { flashSaleId, skuId, qty = 1, sharerId } = order;
  return routes.checkout({ from: 'flash', flashSaleId, skuId, qty, sharerId });
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh Idempotency-Key (24 characters of [A-Za-z0-9], within the BFF's 8–64). One per checkout
 * attempt: a retry of the same submit reuses it, so the BFF answers with the same order.
 */
export function newIdempotencyKey(random: () => number = Math.random, now: number = Date.now()): string {
  let key = now.toString(36);
  while (key.length < 24) key += KEY_ALPHABET[Math.floor(random() * KEY_ALPHABET.length)];
  return key.slice(0, 24);
}

/** `table[key]` for a key from outside (a page parameter, an older answer) that may not be one of the table's. */
function lookup<K extends string>(table: Record<K, string>, key: string | null | undefined): string | null {
  return key && Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : null;
}

const COUPON_REASONS: Record<CouponRejection, string> = {
  BELOW_THRESHOLD: '未满足使用门槛',
  NO_ELIGIBLE_ITEMS: '无适用商品',
};

/** Why a coupon cannot be used here, in Chinese. */
export function couponReasonText(reason: string | null | undefined): string {
  return lookup(COUPON_REASONS, reason) || '暂不可用';
}

/** The 优惠券 row's text: the applied coupon's saving, "不使用", or how many could be used. */
export function couponSummary(
  quote: Pick<Quote, 'coupon' | 'couponDiscountFen' | 'availableCoupons'>,
  chosen: number | null | undefined,
): {
  text: string;
  highlight: boolean;
} {
  const usable = quote.availableCoupons.filter((coupon) => coupon.usable).length;
  if (quote.coupon?.applied && quote.couponDiscountFen > 0) return { text: `-¥${formatFen(quote.couponDiscountFen)}`, highlight: true };
  if (quote.coupon && !quote.coupon.applied) return { text: couponReasonText(quote.coupon.rejection), highlight: false };
  if (chosen === null) return { text: usable > 0 ? `${usable}张可用，未使用` : '不使用优惠券', highlight: false };
  if (quote.availableCoupons.length === 0) return { text: '暂无可用优惠券', highlight: false };
  return { text: usable > 0 ? `${usable}张可用` : '暂无可用优惠券', highlight: usable > 0 };
}

/** Usable coupons first (largest saving first), then the rest in the BFF's order. */
export function sortCoupons(coupons: AvailableCoupon[]): AvailableCoupon[] {
  const usable = coupons.filter((coupon) => coupon.usable).sort((a, b) => b.discountFen - a.discountFen);
  return [...usable, ...coupons.filter((coupon) => !coupon.usable)];
}

/** The discount rows of the breakdown, each shown as a negative amount; zero ones are left out. */
export function discountRows(adjustments: Adjustment[]): { key: string; label: string; amountFen: number }[] {
  return adjustments
    .map((adjustment, index) => ({
      key: `${adjustment.kind}-${index}`,
      label: adjustment.label,
      amountFen: Math.abs(adjustment.amountFen),
    }))
    .filter((row) => row.amountFen !== 0);
}

/** Colour group of a status label: what needs the customer, what is under way, what is over. */
export function statusTone(status: OrderStatus): 'action' | 'progress' | 'done' | 'closed' {
  switch (status) {
    case 'pending_payment':
    case 'ready_for_pickup':
      return 'action';
    case 'paid':
    case 'awaiting_group':
    case 'preparing':
      return 'progress';
    case 'completed':
      return 'done';
    default:
      return 'closed';
  }
}

/** Paid orders not yet picked up may ask for a refund of what is left. */
export function canRequestRefund(order: {
  status: OrderStatus;
  paidFen: number;
  refundedFen: number;
  refunds?: { status: RefundStatus }[];
}): boolean {
  if (!['paid', 'preparing', 'ready_for_pickup', 'awaiting_group'].includes(order.status)) return false;
  if (order.paidFen - order.refundedFen <= 0) return false;
  // One open request at a time: wait for the store's answer before asking again.
  return !(order.refunds ?? []).some((refund) => ['requested', 'approved', 'processing'].includes(refund.status));
}

/** What the customer is told after asking for a refund. */
export function refundToast(status: RefundStatus): string {
  return status === 'requested' ? '已提交申请，门店将在48小时内处理' : '退款已提交，款项将原路退回';
}

/** "mm:ss" (or "h:mm:ss" past an hour) of a duration. */
export function formatMmSs(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3600);
  const rest = `${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}

/**
 * What the customer reads for each reason the BFF records when an order moves. Keyed by the
 * contract's TimelineReason enum: a reason the BFF adds (or renames) and this table lacks is a
 * type error, and a key the BFF never writes is one too.
 */
export const TIMELINE_REASONS: Record<TimelineReason, string> = {
  created: '订单已提交，等待付款',
  wechat_pay: '微信支付成功',
  paid: '门店已收到订单，开始备货',
  group_succeeded: '拼团成功，门店开始备货',
  prepared: '商品已备好，请到店取货',
  picked_up: '已到店取货',
  till_sale: '门店收银台购买',
  payment_timeout: '超时未支付，订单已自动关闭',
  customer_cancelled: '你已取消订单',
  placement_failed: '下单未完成，订单已取消',
  customer: '退款已原路退回',
  group_failed: '拼团未成功，已全额退款',
  pickup_overdue: '超时未取货，已自动退款',
  paid_after_cancel: '订单关闭后才收到付款，已原路退回',
  staff: '门店已为你办理退款',
  after_sale: '售后退款已原路退回',
};

/** Chinese for a timeline reason; null for none, or for a code this build does not know. */
export function timelineReasonText(reason: string | null | undefined): string | null {
  return lookup(TIMELINE_REASONS, reason);
}

/** What activity prices (拼团, 秒杀, 直播) took off the lines' usual prices. */
export function activityDiscountFen(lines: readonly { unitPriceFen: number; activityPriceFen: number | null; qty: number }[]): number {
  return lines.reduce(
    (sum, line) => sum + (line.activityPriceFen !== null ? Math.max(0, line.unitPriceFen - line.activityPriceFen) * line.qty : 0),
    0,
  );
}

const ACTIVITY_DISCOUNT_LABELS: Record<ActivityType, string> = { group: '拼团优惠', flash: '秒杀优惠', live: '直播优惠' };

/** The breakdown row of that saving: 拼团优惠 / 秒杀优惠 / 直播优惠, or 活动优惠. */
export function activityDiscountLabel(activityType: string | null | undefined): string {
  return lookup(ACTIVITY_DISCOUNT_LABELS, activityType) || '活动优惠';
}

/** What a tap on 取消订单 ends in (POST /api/orders/:id/cancel `result`). */
export type CancelResult = 'cancelled' | 'paid_meanwhile' | 'not_pending';

/**
 * The toast after 取消订单: a payment that landed first wins (the order is paid and goes on to
 * 备货), so the customer hears that instead of a cancel that did not happen.
 */
export function cancelToast(result: CancelResult): string {
  if (result === 'paid_meanwhile') return '订单已支付，无需取消';
  if (result === 'not_pending') return '订单状态已更新';
  return '订单已取消';
}

/** A mainland mobile number: 11 digits, 13… to 19… (the BFF checks the same). */
export function isMainlandMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone.trim());
}

/** 138****5678 for lists and prefilled fields. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const shanghaiDayIndex = (at: number) => Math.floor((at + SHANGHAI_MS) / DAY_MS);
const hhmm = (at: number) => new Date(at + SHANGHAI_MS).toISOString().slice(11, 16);

/** The day of a pickup slot as customers say it: 今天 / 明天 / 后天, else 12月5日 (Asia/Shanghai). */
export function slotDayLabel(start: string, now: number = Date.now()): string {
  const at = Date.parse(start);
  const days = shanghaiDayIndex(at) - shanghaiDayIndex(now);
  if (days === 0) return '今天';
  if (days === 1) return '明天';
  if (days === 2) return '后天';
  const local = new Date(at + SHANGHAI_MS);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日`;
}

/** "14:00-15:00" of a pickup slot in Asia/Shanghai. */
export function slotTimeLabel(slot: { start: string; end: string }): string {
  return `${hhmm(Date.parse(slot.start))}-${hhmm(Date.parse(slot.end))}`;
}

/** "今天 14:00-15:00" (or "12月5日 14:00-15:00" beyond 后天). */
export function formatPickupSlot(slot: { start: string; end: string }, now: number = Date.now()): string {
  return `${slotDayLabel(slot.start, now)} ${slotTimeLabel(slot)}`;
}

/** Slots grouped by their day label, in time order (the slot picker's tabs). */
export function slotsByDay<T extends { start: string; end: string }>(slots: readonly T[], now: number = Date.now()) {
  const days: { label: string; slots: T[] }[] = [];
  for (const slot of slots) {
    const label = slotDayLabel(slot.start, now);
    const day = days.find((d) => d.label === label);
    if (day) day.slots.push(slot);
    else days.push({ label, slots: [slot] });
  }
  return days;
}

/** The badge text of a count: nothing at 0, 99+ past 99. */
export function badgeText(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? '99+' : String(count);
}
