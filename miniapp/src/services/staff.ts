import type { BodyOf, QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * The store staff's endpoints (店员工作台). Every call names the store it acts on: store staff
 * may only name their own (the BFF answers 403 otherwise), head office must name one.
 */

/** The three work lists of a store. */
export type QueueFilter = NonNullable<QueryOf<'/api/staff/orders', 'get'>['status']>;

/** `phoneTail`: last four digits of the bound phone; null when none is bound. */
export type StaffCustomer = Schema<'StaffCustomer'>;
/** `imageUrl` is relative for demo pictures: show it through mediaUrl. */
export type StaffOrderItem = Schema<'StaffOrderItem'>;

/** `paid` and `preparing` are in the 待备货 list; only `preparing` can be marked ready. */
export type StaffOrder = Schema<'StaffOrder'>;

/** What a pickup code opens: the order to hand over. */
export type PickupSummary = Schema<'PickupSummary'>;
/** `pointsEarned`: points the customer got for the order (0 without a member). */
export type PickupDone = Schema<'PickupDone'>;

export type SalesChannel = Schema<'SalesChannel'>;
/** `date`: start of the business day (Asia/Shanghai); `lockouts`: staff locked out of pickup verification today. */
export type StoreMetrics = Schema<'StoreMetrics'>;

/** The customer at the till, from the 会员码 on their phone (`phone` masked, e.g. 138****5678). */
export type TillMember = Schema<'TillMember'>;

/** A till basket as sent (the staff member's store, the lines, optionally the resolved member). */
export type TillBasket = BodyOf<'/api/staff/sales/quote', 'post'>;
/** A till line as sent: a picked SKU or a scanned barcode, never both. */
export type TillItemInput = TillBasket['items'][number];
export type PayMethod = NonNullable<TillBasket['payMethod']>;

/** `items`: one line per SKU, in the order first added (the BFF merges repeats). */
export type TillQuote = Schema<'TillQuote'>['quote'];
/** `sellableAtTill`: on hand − reserved, what the till may sell (safety stock included). */
export type TillQuoteLine = TillQuote['items'][number];
export type TillAdjustment = TillQuote['adjustments'][number];
export type TillSale = Schema<'TillSale'>['sale'];
/** 今日收银: the store's till sales today; `tenders` lists every tender, zero ones included. */
export type TillDaySummary = Schema<'TillDaySummary'>;

/** `sales7d`: units sold here in the last 7 days (pickups and till sales). */
export type StockItem = Schema<'StockListItem'>;
export type StockPage = ResponseOf<'/api/staff/inventory', 'get'>;

/**
 * An after-sale request as the manager sees it: `source` is `customer` or what the system refunded
 * on its own; `respondBy` the 48-hour answer deadline; `flaggedReason` why it needs a human.
 */
export type StaffRefund = Schema<'StaffRefund'>;
export type RefundPage = Schema<'StaffRefundPage'>;
export type RefundFilter = NonNullable<QueryOf<'/api/staff/refund-requests', 'get'>['status']>;

/** What a decision answers with (the customer's view of the refund). */
export type RefundDecision = Schema<'Refund'>;

/** GET /api/staff/orders — oldest paid first; at most 50. */
export async function getStoreQueue(storeId: number, status: QueueFilter, flags: RequestFlags = {}): Promise<StaffOrder[]> {
  return (await request<ResponseOf<'/api/staff/orders', 'get'>>('/api/staff/orders', { data: { status, storeId }, ...flags })).items;
}

/** POST /api/staff/orders/:id/ready — 备货完成; 409 ORDER_NOT_PREPARING when it is not (any more). */
export function markOrderReady(orderId: number, flags: RequestFlags = {}): Promise<Schema<'OrderReady'>> {
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

/** POST /api/staff/sales/quote — prices the basket (uses nothing up); 404 SKU_NOT_FOUND for an unknown code. */
export async function quoteTillSale(basket: TillBasket, flags: RequestFlags = {}): Promise<TillQuote> {
  return (await request<Schema<'TillQuote'>>('/api/staff/sales/quote', { method: 'POST', data: basket, ...flags })).quote;
}

/** GET /api/staff/sales/summary — the store's till sales today, split by tender. */
export function getTillDaySummary(storeId: number, flags: RequestFlags = {}): Promise<TillDaySummary> {
  return request<TillDaySummary>('/api/staff/sales/summary', { data: { storeId }, ...flags });
}

/** POST /api/staff/sales — one key per sale: a retry with it answers with the same sale. */
export async function createTillSale(
  basket: BodyOf<'/api/staff/sales', 'post'> & { payMethod: PayMethod },
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<TillSale> {
  const reply = await request<Schema<'TillSale'>>('/api/staff/sales', {
    method: 'POST',
    data: basket,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
  return reply.sale;
}

/** GET /api/staff/inventory — `lowOnly` for the 库存预警 list; `q` matches titles or barcode prefixes. */
export function getStoreStock(
  query: Omit<QueryOf<'/api/staff/inventory', 'get'>, 'lowOnly'> & { lowOnly?: boolean },
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
export function getRefundRequests(query: QueryOf<'/api/staff/refund-requests', 'get'>, flags: RequestFlags = {}): Promise<RefundPage> {
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

/** A customer's coupon as a scanned code shows it, and whether this store may redeem it now (`refusal` why not). */
export type CouponPreview = Schema<'CouponPreview'>;
export type CouponRedemption = Schema<'CouponRedemption'>['redemption'];
/** The coupon a till quote applied from `couponCode` (`refusal`: why it does not apply to this basket). */
export type TillCoupon = NonNullable<TillQuote['coupon']>;
/** A 扫码领券 token of my store (`state` active / expired / revoked / exhausted; `qrPath` the page the QR opens). */
export type ClaimToken = Schema<'CouponClaimToken'>;
export type MintedClaimToken = Schema<'MintedCouponClaimToken'>;
export type MintClaimTokenInput = BodyOf<'/api/staff/coupon-tokens', 'post'>;

/** POST /api/staff/coupons/preview — what a code is; uses nothing up. */
export function previewCoupon(code: string, storeId: number, flags: RequestFlags = {}): Promise<CouponPreview> {
  return request<CouponPreview>('/api/staff/coupons/preview', { method: 'POST', data: { code, storeId }, ...flags });
}

/** POST /api/staff/coupons/redeem — burns the code at this store (409 when another till was first). */
export async function redeemCoupon(code: string, storeId: number, flags: RequestFlags = {}): Promise<CouponRedemption> {
  const reply = await request<Schema<'CouponRedemption'>>('/api/staff/coupons/redeem', {
    method: 'POST',
    data: { code, storeId },
    ...flags,
  });
  return reply.redemption;
}

/** GET /api/staff/coupon-tokens — my store's tokens, newest first. */
export async function getClaimTokens(flags: RequestFlags = {}): Promise<ClaimToken[]> {
  return (await request<ResponseOf<'/api/staff/coupon-tokens', 'get'>>('/api/staff/coupon-tokens', flags)).items;
}

/** POST /api/staff/coupon-tokens — a new signed token for a store_qr template. */
export function mintClaimToken(input: MintClaimTokenInput, flags: RequestFlags = {}): Promise<MintedClaimToken> {
  return request<MintedClaimToken>('/api/staff/coupon-tokens', { method: 'POST', data: input, ...flags });
}

/** POST /api/staff/coupon-tokens/:id/revoke — 停用 at once (idempotent). */
export function revokeClaimToken(id: number, flags: RequestFlags = {}): Promise<ClaimToken> {
  return request<ClaimToken>(`/api/staff/coupon-tokens/${id}/revoke`, { method: 'POST', data: {}, ...flags });
}

/** GET /api/admin/coupon-templates?source=store_qr&status=active — head office only (403 for store staff). */
export type QrTemplate = ResponseOf<'/api/staff/coupon-templates', 'get'>['items'][number];

/** GET /api/staff/coupon-templates — the 扫码领券 templates my store may mint tokens for (head office: all). */
export async function getStoreQrTemplates(flags: RequestFlags = {}): Promise<QrTemplate[]> {
  return (await request<ResponseOf<'/api/staff/coupon-templates', 'get'>>('/api/staff/coupon-templates', flags)).items;
}
