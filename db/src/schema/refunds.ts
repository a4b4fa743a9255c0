import { char, index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

export const refundStatuses = ['requested', 'approved', 'rejected', 'processing', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

/** Who or what asked for a refund (`refunds.source`); the BFF's `RefundSource` type is this list. */
export const refundSources = [
  'customer', // an after-sale request from the customer
  'group_failed', // the group did not fill in time
  'pickup_overdue', // not picked up by the deadline
  'paid_after_cancel', // paid after the order had closed
  'staff', // a refund staff started
  'after_sale', // goods returned after pickup and received at the store (after_sales)
] as const;
export type RefundSource = (typeof refundSources)[number];

/** A refund (after-sale request, failed group, overdue pickup). out_refund_no is idempotent at WeChat. */
export const refunds = mysqlTable(
  'refunds',
  {
    id: id(),
    orderId: ref('order_id').notNull(),
    outRefundNo: varchar('out_refund_no', { length: 64 }).notNull(),
    /** What asked for it, unique per order: the customer's idempotency key, or the system's reason key. */
    requestKey: varchar('request_key', { length: 64 }).notNull(),
    /** The customer's request (route and canonical body, SHA-256 hex): the same key with another body is 422. System keys have none. */
    requestFingerprint: char('request_fingerprint', { length: 64 }),
    amountFen: fen('amount_fen').notNull(),
    reason: varchar('reason', { length: 255 }).notNull(),
    /** customer (after-sale), group_failed, pickup_overdue, staff … */
    source: varchar('source', { length: 32 }).$type<RefundSource>().notNull(),
    status: mysqlEnum('status', refundStatuses).notNull(),
    /** WeChat's status: PROCESSING / SUCCESS / ABNORMAL / CLOSED. */
    wechatStatus: varchar('wechat_status', { length: 16 }),
    wechatRefundId: varchar('wechat_refund_id', { length: 64 }),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: utc('next_attempt_at'),
    lastError: varchar('last_error', { length: 255 }),
    requestedByMemberId: ref('requested_by_member_id'),
    decidedByStaffId: ref('decided_by_staff_id'),
    decidedAt: utc('decided_at'),
    decisionNote: varchar('decision_note', { length: 255 }),
    /** After-sale answer deadline (48 h); past it the request escalates. */
    respondBy: utc('respond_by'),
    /** Set once when an unanswered request was escalated to the manager (guarded: WHERE escalated_at IS NULL). */
    escalatedAt: utc('escalated_at'),
    succeededAt: utc('succeeded_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('refunds_out_refund_no_uq').on(t.outRefundNo),
    uniqueIndex('refunds_order_request_uq').on(t.orderId, t.requestKey),
    index('refunds_order_idx').on(t.orderId),
    // retry job / staff list: refunds by status and next attempt
    index('refunds_status_next_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Which lines (and how much of each) a refund covers; amounts come from the line allocation. */
export const refundLines = mysqlTable(
  'refund_lines',
  {
    id: id(),
    refundId: ref('refund_id').notNull(),
    orderLineId: ref('order_line_id').notNull(),
    qty: int('qty').notNull(),
    amountFen: fen('amount_fen').notNull(),
  },
  (t) => [
    // refund detail
    index('refund_lines_refund_idx').on(t.refundId),
    uniqueIndex('refund_lines_refund_line_uq').on(t.refundId, t.orderLineId),
  ],
);
