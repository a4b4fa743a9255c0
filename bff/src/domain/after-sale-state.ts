import { afterSaleStatuses, type AfterSaleStatus, type AfterSaleType } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * An after-sale request's life (docs/domain.md#after-sale) as one table. A request is created
 * `requested` on a completed order within the window; the store's manager decides it, the
 * customer brings the goods back to the store, and then the money goes back (退货退款) or another
 * SKU of the same product is handed over (换货).
 *
 *   requested ─approve→ approved ─receive→ returned ─refund→ refunding ─refund_succeeded→ refunded
 *       │                   │                  └─hand_over→ exchanged            (换货)
 *       ├reject→ rejected   │
 *       └cancel→ cancelled ←┘ (the customer withdraws before the goods are back)
 *
 * `receive` puts the goods back into the store's stock; `refund` follows in the same transaction
 * for a 退货退款 (the refund module sends it to WeChat), and `refund_succeeded` applies once WeChat
 * confirmed that refund. Once the goods are back the customer can no longer cancel.
 */
export const AFTER_SALE_EVENTS = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested'], to: 'rejected' },
  cancel: { from: ['requested', 'approved'], to: 'cancelled' },
  /** 确认收货: the store has the goods back (stock in through the inventory ledger). */
  receive: { from: ['approved'], to: 'returned' },
  /** 退货退款: the refund of the returned lines is requested (same transaction as the receipt). */
  refund: { from: ['returned'], to: 'refunding' },
  refund_succeeded: { from: ['refunding'], to: 'refunded' },
  /** 换货: the other SKU is handed over (stock out). */
  hand_over: { from: ['returned'], to: 'exchanged' },
} as const satisfies Record<string, { from: readonly AfterSaleStatus[]; to: AfterSaleStatus }>;

export type AfterSaleEvent = keyof typeof AFTER_SALE_EVENTS;

export const afterSaleLifecycle = defineLifecycle({
  name: 'after_sale',
  statuses: afterSaleStatuses,
  initial: ['requested'],
  events: AFTER_SALE_EVENTS,
});

/** Requests still under way: a line takes part in one open request at a time. */
export const OPEN_AFTER_SALE_STATUSES: readonly AfterSaleStatus[] = ['requested', 'approved', 'returned', 'refunding'];

/**
 * Requests whose units count against the line (under way, or gone back and refunded or exchanged):
 * a line's units in these never exceed what was bought. Rejected and cancelled ones give theirs back.
 */
export const HOLDING_AFTER_SALE_STATUSES: readonly AfterSaleStatus[] = [...OPEN_AFTER_SALE_STATUSES, 'refunded', 'exchanged'];

/** Which event finishes a returned request of this type. */
export function finishingEvent(type: AfterSaleType): 'refund' | 'hand_over' {
  return type === 'return' ? 'refund' : 'hand_over';
}

/** Chinese labels for the customer's pages and the staff list. */
export const AFTER_SALE_STATUS_LABELS: Record<AfterSaleStatus, string> = {
  requested: '待审核',
  approved: '待到店退回',
  rejected: '已拒绝',
  cancelled: '已撤销',
  returned: '门店已收货',
  refunding: '退款中',
  refunded: '退款成功',
  exchanged: '换货完成',
};

export const AFTER_SALE_TYPE_LABELS: Record<AfterSaleType, string> = { return: '退货退款', exchange: '换货' };
