import { index, json, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

/** A payment's status; the BFF's payment lifecycle table says how it moves. */
export const paymentStatuses = ['pending', 'paid', 'closed', 'flagged'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/**
 * How an order was paid: WeChat Pay online, or the till's tender (现金 / 微信 / 支付宝 / 银行卡),
 * which the clerk records; the day's totals are split by it.
 */
export const paymentMethods = ['wechat', 'offline_cash', 'offline_wechat', 'offline_alipay', 'offline_card'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
export type TillTender = Exclude<PaymentMethod, 'wechat'>;

/** One WeChat Pay transaction per order attempt; out_trade_no is the order number. */
export const payments = mysqlTable(
  'payments',
  {
    id: id(),
    orderId: ref('order_id').notNull(),
    outTradeNo: varchar('out_trade_no', { length: 32 }).notNull(),
    method: mysqlEnum('method', paymentMethods).notNull(),
    amountFen: fen('amount_fen').notNull(),
    status: mysqlEnum('status', paymentStatuses).notNull().default('pending'),
    prepayId: varchar('prepay_id', { length: 64 }),
    prepayExpiresAt: utc('prepay_expires_at'),
    transactionId: varchar('transaction_id', { length: 32 }),
    payerOpenid: varchar('payer_openid', { length: 64 }),
    /** The decrypted notification or query result that settled it. */
    settlement: json('settlement').$type<Record<string, unknown>>(),
    paidAt: utc('paid_at'),
    closedAt: utc('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // notify / query by out_trade_no
    uniqueIndex('payments_out_trade_no_uq').on(t.outTradeNo),
    index('payments_order_idx').on(t.orderId),
    // reconciliation job: payments pending for too long
    index('payments_status_created_idx').on(t.status, t.createdAt),
  ],
);
