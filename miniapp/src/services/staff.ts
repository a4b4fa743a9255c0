import { request, type RequestFlags } from './http';
import type { Tier } from './member';
import type { RefundStatus } from './order';

/**
 * The store staff's endpoints (店员工作台). Every call names the store it acts on: store staff
 * may only name their own (the BFF answers 403 otherwise), head office must name one.
 */

/** The three work lists of a store. */
export type QueueFilter = 'preparing' | 'ready_for_pickup' | 'picked_up_today';

export interface StaffCustomer {
  nickname: string;
  /** Last four digits of the bound phone; null when none is bound. */
  phoneTail: string | null;
}

export interface StaffOrderItem {
  title: string;
  specText: string;
  qty: number;
  /** Relative for demo pictures: show through mediaUrl. */
  imageUrl: string;
}

export interface StaffOrder {
  id: number;
  orderNo: string;
  /** `paid` and `preparing` are in the 待备货 list; only `preparing` can be marked ready. */
  status: string;
  paidFen: number;
  paidAt: string | null;
  readyAt: string | null;
  completedAt: string | null;
  remark: string | null;
  customer: StaffCustomer;
  items: StaffOrderItem[];
}

/** What a pickup code opens: the order to hand over. */
export interface PickupSummary {
  orderId: number;
  orderNo: string;
  status: string;
  paidFen: number;
  readyAt: string | null;
  customer: StaffCustomer;
  items: StaffOrderItem[];
}

export interface PickupDone {
  orderId: number;
  orderNo: string;
  status: 'completed';
  /** Points the customer got for the order (0 without a member). */
  pointsEarned: number;
}

export type SalesChannel = 'online' | 'live' | 'offline';

export interface StoreMetrics {
  /** Start of the business day (Asia/Shanghai), ISO. */
  date: string;
  gmvByChannel: { channel: SalesChannel; orders: number; gmvFen: number }[];
  pickups: { preparing: number; ready: number; overdue: number };
  /** Staff locked out of pickup verification today for too many wrong codes. */
  lockouts: { staffId: number; nickname: string; at: string }[];
}

/** The customer at the till, from the 会员码 on their phone. */
export interface TillMember {
  id: number;
  nickname: string;
  avatarUrl: string;
  /** Masked, e.g. 138****5678. */
  phone: string | null;
  tier: Tier;
  points: number;
}

/** A till line as sent: a picked SKU or a scanned barcode, never both. */
export type TillItemInput = { skuId: number; qty: number } | { barcode: string; qty: number };

export type PayMethod = 'offline_wechat' | 'offline_cash';

export interface TillQuoteLine {
  skuId: number;
  title: string;
  specText: string;
  imageUrl: string;
  qty: number;
  unitPriceFen: number;
  payableFen: number;
  /** On hand − reserved: what the till may sell (safety stock included). */
  sellableAtTill: number;
}

export interface TillAdjustment {
  kind: string;
  label: string;
  amountFen: number;
}

export interface TillQuote {
  storeId: number;
  /** One line per SKU, in the order first added (the BFF merges repeats). */
  items: TillQuoteLine[];
  itemsTotalFen: number;
  memberDiscountFen: number;
  promotionDiscountFen: number;
  payableFen: number;
  adjustments: TillAdjustment[];
  member: { id: number; nickname: string; tier: Tier; points: number } | null;
  inStock: boolean;
}

export interface TillSale {
  id: number;
  orderNo: string;
  storeId: number;
  items: { skuId: number; title: string; specText: string; qty: number; unitPriceFen: number; payableFen: number }[];
  itemsTotalFen: number;
  memberDiscountFen: number;
  promotionDiscountFen: number;
  payableFen: number;
  payMethod: PayMethod;
  member: { id: number; nickname: string; tier: Tier; pointsEarned: number; pointsBalance: number } | null;
  createdAt: string;
}

export interface StockItem {
  skuId: number;
  productId: number;
  skuCode: string;
  title: string;
  specText: string;
  barcode: string;
  imageUrl: string | null;
  onHand: number;
  reserved: number;
  safetyStock: number;
  sellableOnline: number;
  sellableAtTill: number;
  /** Units sold here in the last 7 days (pickups and till sales). */
  sales7d: number;
  low: boolean;
}

export interface StockPage {
  items: StockItem[];
  total: number;
}

export interface StaffRefund {
  id: number;
  outRefundNo: string;
  status: RefundStatus;
  statusLabel: string;
  amountFen: number;
  reason: string;
  /** `customer`, or what the system refunded on its own (failed group, overdue pickup). */
  source: string;
  lines: { orderLineId: number; qty: number; amountFen: number }[];
  decisionNote: string | null;
  /** The 48-hour answer deadline of a waiting request. */
  respondBy: string | null;
  createdAt: string;
  decidedAt: string | null;
  succeededAt: string | null;
  orderId: number;
  orderNo: string;
  orderStatus: string;
  storeId: number;
  /** Why it needs a human (e.g. 售后申请超时未处理). */
  flaggedReason: string | null;
  wechatStatus: string | null;
  attempts: number;
  lastError: string | null;
  /** What is being refunded (empty for a whole-order refund with no line picks). */
  items: StaffOrderItem[];
  customer: { nickname: string; phoneTail: string | null };
}

export interface RefundPage {
  items: StaffRefund[];
  total: number;
}

export type RefundFilter = RefundStatus | 'all';

/** What a decision answers with (the customer's view of the refund). */
export type RefundDecision = Pick<StaffRefund, 'id' | 'status' | 'statusLabel' | 'amountFen' | 'decisionNote'>;

/** GET /api/staff/orders — oldest paid first; at most 50. */
export async function getStoreQueue(storeId: number, status: QueueFilter, flags: RequestFlags = {}): Promise<StaffOrder[]> {
  return (await request<{ items: StaffOrder[] }>('/api/staff/orders', { data: { status, storeId }, ...flags })).items;
}

/** POST /api/staff/orders/:id/ready — 备货完成; 409 ORDER_NOT_PREPARING when it is not (any more). */
export function markOrderReady(orderId: number, flags: RequestFlags = {}): Promise<{ id: number; status: string; readyAt: string | null }> {
  return request(`/api/staff/orders/${orderId}/ready`, { method: 'POST', data: {}, ...flags });
}

/**
 * POST /api/staff/pickups/verify — 8 typed digits or the scanned `PICKUP:…` payload. 404
 * PICKUP_CODE_INVALID for a wrong (or used) code; 429 RATE_LIMITED while locked out.
 */
export function verifyPickup(code: string, storeId: number, flags: RequestFlags = {}): Promise<PickupSummary> {
  return request<PickupSummary>('/api/staff/pickups/verify', { method: 'POST', data: { code, storeId }, ...flags });
}

/** POST /api/staff/pickups/:orderId/confirm — hands the order over once; 409 PICKUP_ALREADY_DONE after. */
export function confirmPickup(orderId: number, code: string, flags: RequestFlags = {}): Promise<PickupDone> {
  return request<PickupDone>(`/api/staff/pickups/${orderId}/confirm`, { method: 'POST', data: { code }, ...flags });
}

/** GET /api/staff/metrics — managers (their store) and head office. */
export function getStoreMetrics(storeId: number, flags: RequestFlags = {}): Promise<StoreMetrics> {
  return request<StoreMetrics>('/api/staff/metrics', { data: { storeId }, ...flags });
}

/**
 * POST /api/staff/members/resolve — the member behind an 18-digit 会员码. Uses the code up; the
 * till may then quote and sell by member id for 10 minutes (one sale).
 */
export function resolveMemberCode(code: string, flags: RequestFlags = {}): Promise<TillMember> {
  return request<TillMember>('/api/staff/members/resolve', { method: 'POST', data: { code }, ...flags });
}

export interface TillBasket {
  storeId: number;
  items: TillItemInput[];
  memberId?: number;
  payMethod?: PayMethod;
}

/** POST /api/staff/sales/quote — prices the basket (uses nothing up); 404 SKU_NOT_FOUND for an unknown code. */
export async function quoteTillSale(basket: TillBasket, flags: RequestFlags = {}): Promise<TillQuote> {
  return (await request<{ quote: TillQuote }>('/api/staff/sales/quote', { method: 'POST', data: basket, ...flags })).quote;
}

/** POST /api/staff/sales — one key per sale: a retry with it answers with the same sale. */
export async function createTillSale(
  basket: TillBasket & { payMethod: PayMethod },
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<TillSale> {
  const reply = await request<{ sale: TillSale }>('/api/staff/sales', {
    method: 'POST',
    data: basket,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
  return reply.sale;
}

/** GET /api/staff/inventory — `lowOnly` for the 库存预警 list; `q` matches titles or barcode prefixes. */
export function getStoreStock(
  query: { storeId: number; lowOnly?: boolean; q?: string; page?: number; pageSize?: number },
  flags: RequestFlags = {},
): Promise<StockPage> {
  const data = {
    storeId: query.storeId,
    lowOnly: query.lowOnly ? 'true' : undefined,
    q: query.q || undefined,
    page: query.page,
    pageSize: query.pageSize,
  };
  return request<StockPage>('/api/staff/inventory', { data, ...flags });
}

/** GET /api/staff/refund-requests — managers; `requested` by default. */
export function getRefundRequests(
  query: { storeId: number; status?: RefundFilter; page?: number; pageSize?: number },
  flags: RequestFlags = {},
): Promise<RefundPage> {
  return request<RefundPage>('/api/staff/refund-requests', { data: query, ...flags });
}

/** POST …/approve — the money goes back to the customer at once. */
export function approveRefundRequest(id: number, flags: RequestFlags = {}): Promise<RefundDecision> {
  return request<RefundDecision>(`/api/staff/refund-requests/${id}/approve`, { method: 'POST', data: {}, ...flags });
}

/** POST …/reject with the reason the customer will read. */
export function rejectRefundRequest(id: number, note: string, flags: RequestFlags = {}): Promise<RefundDecision> {
  return request<RefundDecision>(`/api/staff/refund-requests/${id}/reject`, { method: 'POST', data: { note }, ...flags });
}

/** POST …/retry — sends a failed refund again under the same refund number. */
export function retryRefund(id: number, flags: RequestFlags = {}): Promise<RefundDecision> {
  return request<RefundDecision>(`/api/staff/refund-requests/${id}/retry`, { method: 'POST', data: {}, ...flags });
}
