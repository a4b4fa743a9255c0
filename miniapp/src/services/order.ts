import type { BodyOf, QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

export type OrderStatus = Schema<'OrderStatus'>;

/** What GET /api/orders filters on (`all` for every order). */
export type OrderFilter = NonNullable<QueryOf<'/api/orders', 'get'>['status']>;

/** A would-be order: `couponId` left out = the best coupon, null = none, id = that coupon. */
export type CheckoutInput = BodyOf<'/api/checkout/quote', 'post'>;
export type OrderItemInput = CheckoutInput['items'][number];
export type Fulfillment = CheckoutInput['fulfillment'];
/**
 * The activity an order is bought under; such an order holds exactly its one SKU. A group
 * without `groupId` opens a new group with the buyer as its leader.
 */
export type CheckoutActivity = NonNullable<CheckoutInput['activity']>;

/** The server's price of a would-be order; `inStock`: every line can be had at the chosen store. */
export type Quote = Schema<'Quote'>;
/** `sellable`: units at the chosen store. */
export type QuoteLine = Quote['lines'][number];
export type AdjustmentKind = Schema<'AdjustmentKind'>;
/** `label` is Chinese, e.g. 会员8.5折 or 满199减20. */
export type Adjustment = Schema<'Adjustment'>;
export type QuoteCoupon = NonNullable<Quote['coupon']>;
/** `reason`: why not usable (BELOW_THRESHOLD, NO_ELIGIBLE_ITEMS). */
export type AvailableCoupon = Quote['availableCoupons'][number];

export type OrderLine = Schema<'OrderLine'>;
export type TimelineEntry = Schema<'TimelineEntry'>;
/** Why an order moved, as the BFF records it (every value has a label in utils/checkout.ts). */
export type TimelineReason = Schema<'TimelineReason'>;

export type RefundStatus = Schema<'RefundStatus'>;
export type Refund = Schema<'Refund'>;

/** The customer's pickup code: 8 digits, the QR payload (`PICKUP:<8 digits>`) and the deadline. */
export type PickupCode = NonNullable<OrderDetail['pickup']>;

/** An order as lists show it (`payDeadline`: unpaid orders close then; `group`: a 拼团 order's group). */
export type Order = Schema<'Order'>;
/** GET /api/orders/:id: the order with its timeline, refunds and, while ready, the pickup code. */
export type OrderDetail = Schema<'OrderDetail'>;
/** What the order page shows: the detail, or for a moment the plain order POST …/pay answers with. */
export type ShownOrder = Order & Partial<Pick<OrderDetail, 'pickup'>>;

/** `payment` is null when WeChat Pay could not be reached; the order can be paid later from its page. */
export type CreatedOrder = Schema<'CreatedOrder'>;

export type OrderPage = Schema<'OrderPage'>;

/** POST /api/checkout/quote — the server prices everything; the page only shows it. */
export function quote(input: CheckoutInput, flags: RequestFlags = {}): Promise<Quote> {
  return request<Quote>('/api/checkout/quote', { method: 'POST', data: input, ...flags });
}

/**
 * POST /api/orders. `idempotencyKey` stands for one checkout attempt: sending the same key again
 * (a retry, a double tap) answers with the same order instead of making another. Rejects with
 * OUT_OF_STOCK, COUPON_UNAVAILABLE or PRODUCT_OFF_SHELF (422), and for activities with their own
 * codes (GROUP_FULL, FLASH_SOLD_OUT, FLASH_LIMIT, NEW_CUSTOMERS_ONLY …) and Chinese messages.
 * `sharerId`: the member whose share brought the buyer here.
 */
export function createOrder(input: BodyOf<'/api/orders', 'post'>, idempotencyKey: string, flags: RequestFlags = {}): Promise<CreatedOrder> {
  return request<CreatedOrder>('/api/orders', {
    method: 'POST',
    data: input,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}

/** GET /api/orders/:id — with timeline and refunds; while unpaid the BFF asks WeChat too. */
export function getOrder(id: number, flags: RequestFlags = {}): Promise<OrderDetail> {
  return request<OrderDetail>(`/api/orders/${id}`, flags);
}

/** GET /api/orders — newest first, a page at a time. */
export function listOrders(
  query: Omit<QueryOf<'/api/orders', 'get'>, 'cursor'> & { cursor?: number | null } = {},
  flags: RequestFlags = {},
): Promise<OrderPage> {
  const data = { status: query.status ?? 'all', cursor: query.cursor ?? undefined, limit: query.limit };
  return request<OrderPage>('/api/orders', { data, ...flags });
}

/** POST /api/orders/:id/pay — fresh payment params; 409 ORDER_PAY_EXPIRED past the deadline. */
export function payOrder(id: number, flags: RequestFlags = {}): Promise<ResponseOf<'/api/orders/{id}/pay', 'post'>> {
  return request(`/api/orders/${id}/pay`, { method: 'POST', data: {}, ...flags });
}

/**
 * POST /api/orders/:id/cancel — an unpaid order only. `result` is `paid_meanwhile` when a payment
 * landed first (the order is paid, not cancelled), `not_pending` when it had already moved on.
 */
export function cancelOrder(id: number, flags: RequestFlags = {}): Promise<ResponseOf<'/api/orders/{id}/cancel', 'post'>> {
  return request(`/api/orders/${id}/cancel`, { method: 'POST', data: {}, ...flags });
}

/** POST /api/orders/:id/refund-requests — the whole order unless `lines` is given. */
export function requestRefund(
  id: number,
  body: BodyOf<'/api/orders/{id}/refund-requests', 'post'>,
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<ResponseOf<'/api/orders/{id}/refund-requests', 'post'>> {
  return request(`/api/orders/${id}/refund-requests`, {
    method: 'POST',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}

/** 我的 page's badges: orders waiting in each shortcut (`afterSale`: with a refund request still open). */
export type OrderCounts = Schema<'OrderCounts'>;

/** GET /api/orders/counts */
export function getOrderCounts(flags: RequestFlags = {}): Promise<OrderCounts> {
  return request<OrderCounts>('/api/orders/counts', flags);
}
