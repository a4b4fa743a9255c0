import type { PaymentParams } from '../platform/pay';
import { request, type RequestFlags } from './http';

export type OrderStatus =
  'pending_payment' | 'paid' | 'awaiting_group' | 'preparing' | 'ready_for_pickup' | 'completed' | 'cancelled' | 'refunded';

/** What GET /api/orders filters on (`all` for every order). */
export type OrderFilter =
  'all' | 'pending_payment' | 'awaiting_group' | 'preparing' | 'ready_for_pickup' | 'completed' | 'refunded' | 'cancelled';

export interface OrderItemInput {
  skuId: number;
  qty: number;
}

export interface Fulfillment {
  type: 'pickup';
  storeId: number;
}

/**
 * The activity an order is bought under; such an order holds exactly its one SKU. A group
 * without `groupId` opens a new group with the buyer as its leader.
 */
export type CheckoutActivity = { type: 'group'; campaignId: number; groupId?: number } | { type: 'flash'; flashSaleId: number };

/** A would-be order: `couponId` left out = the best coupon, null = none, id = that coupon. */
export interface CheckoutInput {
  items: OrderItemInput[];
  fulfillment: Fulfillment;
  couponId?: number | null;
  activity?: CheckoutActivity;
}

export interface QuoteLine {
  skuId: number;
  title: string;
  specText: string;
  imageUrl: string;
  qty: number;
  unitPriceFen: number;
  activityPriceFen: number | null;
  payableFen: number;
  /** Units sellable at the chosen store. */
  sellable: number;
}

export type AdjustmentKind = 'activity' | 'member' | 'promotion' | 'coupon';

export interface Adjustment {
  kind: AdjustmentKind | string;
  /** Chinese, e.g. 会员8.5折 or 满199减20. */
  label: string;
  amountFen: number;
}

export interface QuoteCoupon {
  id: number;
  name: string;
  applied: boolean;
  rejection: string | null;
}

export interface AvailableCoupon {
  id: number;
  name: string;
  discountFen: number;
  usable: boolean;
  /** Why not usable: BELOW_THRESHOLD, NO_ELIGIBLE_ITEMS, … */
  reason: string | null;
}

export interface Quote {
  lines: QuoteLine[];
  itemsTotalFen: number;
  memberDiscountFen: number;
  promotionDiscountFen: number;
  couponDiscountFen: number;
  payableFen: number;
  adjustments: Adjustment[];
  coupon: QuoteCoupon | null;
  availableCoupons: AvailableCoupon[];
  /** Every line can be had at the chosen store. */
  inStock: boolean;
}

export interface OrderLine {
  lineId: number;
  skuId: number;
  productId: number;
  title: string;
  specText: string;
  imageUrl: string;
  qty: number;
  unitPriceFen: number;
  activityPriceFen: number | null;
  payableFen: number;
  refundedQty: number;
  refundedFen: number;
}

export interface TimelineEntry {
  status: OrderStatus;
  label: string;
  reason: string | null;
  at: string;
}

export type RefundStatus = 'requested' | 'approved' | 'processing' | 'succeeded' | 'rejected' | 'failed';

export interface Refund {
  id: number;
  status: RefundStatus;
  statusLabel: string;
  amountFen: number;
  reason: string;
  decisionNote: string | null;
  respondBy: string | null;
  createdAt: string;
  succeededAt: string | null;
}

/** The customer's pickup code, once the store has the order ready. */
export interface PickupCode {
  /** 8 digits. */
  code: string;
  /** What the QR encodes (`PICKUP:<8 digits>`); the store's scanner reads it. */
  qrPayload: string;
  /** ISO; not picked up by then, the order is refunded. */
  deadline: string;
}

export interface Order {
  id: number;
  orderNo: string;
  status: OrderStatus;
  statusLabel: string;
  storeId: number;
  items: OrderLine[];
  itemsTotalFen: number;
  memberDiscountFen: number;
  promotionDiscountFen: number;
  couponDiscountFen: number;
  payableFen: number;
  paidFen: number;
  refundedFen: number;
  remark: string | null;
  /** Unpaid orders close at this time (ISO). */
  payDeadline: string | null;
  paidAt: string | null;
  createdAt: string;
  /** Detail only. */
  timeline: TimelineEntry[];
  /** Detail only. */
  refunds: Refund[];
  /** The activity the order was bought under, if any. */
  activityType?: 'group' | 'flash' | 'live' | null;
  /** The group of a 拼团 order (its status is the group's: pending / open / succeeded / failed). */
  group?: { id: number; status: string } | null;
  /** Detail only: set while the order is ready_for_pickup. */
  pickup?: PickupCode | null;
}

export interface CreatedOrder {
  order: Order;
  /** null when WeChat Pay could not be reached; the order can be paid later from its page. */
  payment: PaymentParams | null;
  paymentError?: string;
}

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
export function createOrder(
  input: CheckoutInput & { remark?: string; sharerId?: number },
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<CreatedOrder> {
  return request<CreatedOrder>('/api/orders', {
    method: 'POST',
    data: input,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}

/** GET /api/orders/:id — with timeline and refunds; while unpaid the BFF asks WeChat too. */
export function getOrder(id: number, flags: RequestFlags = {}): Promise<Order> {
  return request<Order>(`/api/orders/${id}`, flags);
}

export interface OrderPage {
  items: Order[];
  nextCursor: number | null;
}

/** GET /api/orders — newest first, a page at a time. */
export function listOrders(
  query: { status?: OrderFilter; cursor?: number | null; limit?: number } = {},
  flags: RequestFlags = {},
): Promise<OrderPage> {
  const data = { status: query.status ?? 'all', cursor: query.cursor ?? undefined, limit: query.limit };
  return request<OrderPage>('/api/orders', { data, ...flags });
}

/** POST /api/orders/:id/pay — fresh payment params; 409 ORDER_PAY_EXPIRED past the deadline. */
export function payOrder(id: number, flags: RequestFlags = {}): Promise<{ order: Order; payment: PaymentParams | null }> {
  return request(`/api/orders/${id}/pay`, { method: 'POST', data: {}, ...flags });
}

/** POST /api/orders/:id/cancel — an unpaid order only. */
export function cancelOrder(id: number, flags: RequestFlags = {}): Promise<{ result: string }> {
  return request(`/api/orders/${id}/cancel`, { method: 'POST', data: {}, ...flags });
}

/** POST /api/orders/:id/refund-requests — the whole order unless `lines` is given. */
export function requestRefund(
  id: number,
  body: { reason: string; lines?: { orderLineId: number; qty: number }[] },
  idempotencyKey: string,
  flags: RequestFlags = {},
): Promise<Refund> {
  return request<Refund>(`/api/orders/${id}/refund-requests`, {
    method: 'POST',
    data: body,
    header: { 'Idempotency-Key': idempotencyKey },
    ...flags,
  });
}
