import { orderStatuses, type OrderStatus } from '@shop/db';
import { defineLifecycle, type Transition as LifecycleTransition } from './lifecycle';

/**
 * The order state machine (docs/domain.md#orders) as one table: every module moves orders only
 * through these events, and anything not listed here is refused (409).
 *
 *   pending_payment ─pay→ paid ─prepare→ preparing ─mark_ready→ ready_for_pickup ─complete→ completed
 *         │                 └await_group→ awaiting_group ─group_succeeded→ preparing
 *         └cancel→ cancelled        (paid … completed) ─refund_all→ refunded
 */
export const ORDER_EVENTS = {
  pay: { from: ['pending_payment'], to: 'paid' },
  cancel: { from: ['pending_payment'], to: 'cancelled' },
  await_group: { from: ['paid'], to: 'awaiting_group' },
  prepare: { from: ['paid'], to: 'preparing' },
  group_succeeded: { from: ['awaiting_group'], to: 'preparing' },
  mark_ready: { from: ['preparing'], to: 'ready_for_pickup' },
  complete: { from: ['ready_for_pickup'], to: 'completed' },
  /** The last refund covered everything that was paid (after-sale, failed group, overdue pickup). */
  refund_all: { from: ['paid', 'awaiting_group', 'preparing', 'ready_for_pickup', 'completed'], to: 'refunded' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;

export type OrderEvent = keyof typeof ORDER_EVENTS;

/** Orders are created pending payment; till sales are inserted completed and never move (till/service.ts). */
export const orderLifecycle = defineLifecycle({
  name: 'order',
  statuses: orderStatuses,
  initial: ['pending_payment'],
  events: ORDER_EVENTS,
});

export type Transition = LifecycleTransition<OrderStatus, OrderEvent>;

export function transition(from: OrderStatus, event: OrderEvent): Transition {
  return orderLifecycle.transition(from, event);
}

/** Every status an order can move to from `from`, for tests and the admin UI. */
export function nextStatuses(from: OrderStatus): OrderStatus[] {
  return orderLifecycle.nextStatuses(from);
}

/** States in which the customer's money is held for an order that is not finished. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ORDER_EVENTS.refund_all.from;
/**
 * Until the store has finished preparing (marked the order ready), an after-sale request is
 * refunded at once (docs/domain.md#orders): nothing has been set aside for the customer yet.
 */
export const REFUND_WITHOUT_REVIEW: readonly OrderStatus[] = ['paid', 'awaiting_group', 'preparing'];

/** Chinese labels for the status timeline. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  paid: '已付款',
  awaiting_group: '拼团中',
  preparing: '备货中',
  ready_for_pickup: '待自提',
  completed: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};
