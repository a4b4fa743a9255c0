import { char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

/** 退货退款 (goods back, money back) or 换货 (goods back, another SKU of the same product out). */
export const afterSaleTypes = ['return', 'exchange'] as const;
export type AfterSaleType = (typeof afterSaleTypes)[number];

/** The after-sale lifecycle's statuses (bff/src/domain/after-sale-state.ts has the table). */
export const afterSaleStatuses = [
  'requested',
  'approved',
  'rejected',
  'cancelled',
  'returned',
  'refunding',
  'refunded',
  'exchanged',
] as const;
export type AfterSaleStatus = (typeof afterSaleStatuses)[number];

/** The reasons a customer picks from (the request page's list); the description adds the detail. */
export const afterSaleReasons = ['wrong_size', 'quality', 'not_as_described', 'wrong_item', 'changed_mind', 'other'] as const;
export type AfterSaleReason = (typeof afterSaleReasons)[number];

/**
 * 售后 after pickup (docs/domain.md#after-sale): a customer's request to return or exchange goods
 * of a completed order within AFTER_SALE_WINDOW_DAYS, reviewed by the store's manager, received
 * back at the store, then refunded (through a refund, refunds.source = 'after_sale') or exchanged.
 */
export const afterSales = mysqlTable(
  'after_sales',
  {
    id: id(),
    /** 售后单号 shown to people: "AS" + the order number's digits + "-NN". */
    serviceNo: varchar('service_no', { length: 32 }).notNull(),
    orderId: ref('order_id').notNull(),
    memberId: ref('member_id').notNull(),
    storeId: ref('store_id').notNull(),
    type: mysqlEnum('type', afterSaleTypes).notNull(),
    status: mysqlEnum('status', afterSaleStatuses).notNull(),
    /** The customer's Idempotency-Key: the same (member, key) always answers with the first request. */
    requestKey: varchar('request_key', { length: 64 }).notNull(),
    /** Route and canonical body (SHA-256 hex): the same key with another body is 422. */
    requestFingerprint: char('request_fingerprint', { length: 64 }).notNull(),
    reason: varchar('reason', { length: 32 }).$type<AfterSaleReason>().notNull(),
    description: varchar('description', { length: 500 }).notNull().default(''),
    /** 退货退款: what the lines are worth back (their allocated payable share), fixed at request time. */
    refundFen: fen('refund_fen').notNull().default(0),
    /** The refund the receipt requested (退货退款 of an order paid with WeChat). */
    refundId: ref('refund_id'),
    decidedByStaffId: ref('decided_by_staff_id'),
    decidedAt: utc('decided_at'),
    decisionNote: varchar('decision_note', { length: 255 }),
    receivedByStaffId: ref('received_by_staff_id'),
    receivedAt: utc('received_at'),
    /** Refunded (WeChat confirmed) or the exchange handed over. */
    finishedAt: utc('finished_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('after_sales_service_no_uq').on(t.serviceNo),
    // idempotent create: one request per (member, Idempotency-Key)
    uniqueIndex('after_sales_member_request_uq').on(t.memberId, t.requestKey),
    // 我的售后: a member's requests, newest first
    index('after_sales_member_idx').on(t.memberId, t.id),
    // the staff list: a store's requests by status, newest first
    index('after_sales_store_status_idx').on(t.storeId, t.status, t.id),
    // the open-line check and the order page's entry: an order's requests
    index('after_sales_order_idx').on(t.orderId),
    // the refund sync job: requests waiting for their refund
    index('after_sales_status_idx').on(t.status, t.refundId),
  ],
);

/** The order lines (and how many units) a request covers; an exchange names the SKU the customer takes instead. */
export const afterSaleLines = mysqlTable(
  'after_sale_lines',
  {
    id: id(),
    afterSaleId: ref('after_sale_id').notNull(),
    orderLineId: ref('order_line_id').notNull(),
    /** The SKU that comes back (the order line's). */
    skuId: ref('sku_id').notNull(),
    qty: int('qty').notNull(),
    /** 退货退款: this part's share of the line's payable; 换货: 0 (no money moves). */
    amountFen: fen('amount_fen').notNull().default(0),
    /** 换货: the SKU handed over instead (same product, same price). */
    exchangeSkuId: ref('exchange_sku_id'),
  },
  (t) => [
    // request detail
    uniqueIndex('after_sale_lines_request_line_uq').on(t.afterSaleId, t.orderLineId),
    // what a line already has in after-sale (open requests, units returned)
    index('after_sale_lines_order_line_idx').on(t.orderLineId),
  ],
);

/** The photos a request attaches (media the requester uploaded), in the order shown; at most 6. */
export const afterSalePhotos = mysqlTable(
  'after_sale_photos',
  {
    id: id(),
    afterSaleId: ref('after_sale_id').notNull(),
    mediaId: ref('media_id').notNull(),
    position: int('position').notNull(),
  },
  (t) => [
    // request detail, in order; a file is attached once
    uniqueIndex('after_sale_photos_request_position_uq').on(t.afterSaleId, t.position),
    uniqueIndex('after_sale_photos_media_uq').on(t.mediaId),
  ],
);
