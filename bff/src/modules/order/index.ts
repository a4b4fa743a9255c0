/**
 * Orders (docs/domain.md#orders): the order, its lines and its timeline. Every status change goes
 * through the state machine (domain/order-state.ts) by `applyOrderEvent`; every other write is a
 * named function in writes.ts. Callers pass their transaction, so one SQL transaction still spans
 * their step.
 *
 * Owns: orders, order_lines, order_events. Nobody else writes them.
 */
export { applyOrderEvent, orderStatusTable, type OrderActor } from './transitions';
export {
  addRefunded,
  clearFlag,
  flagOrder,
  forgetIdempotencyKey,
  placeOrder,
  recordLatePayment,
  recordTillSale,
  type NewOrder,
} from './writes';
export type { PricedLine } from './lines';
export { newOrderNo } from './order-no';
export {
  countMemberOrders,
  eventsOf,
  findByIdempotencyKey,
  findOrder,
  findOrderByNo,
  hasPaidOrder,
  linesOf,
  listMemberOrders,
  lockOrder,
  overdueUnpaid,
  type OrderLineRow,
  type OrderRow,
} from './queries';
