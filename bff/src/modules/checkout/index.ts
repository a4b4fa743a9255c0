/**
 * The customer's order flow (docs/domain.md#orders): quote, place an order (declared steps with
 * their undo), pay again, cancel, the unpaid close and its sweeper, and the customer's order pages.
 * It orchestrates the owners — pricing, inventory, coupon, groupbuy, flashsale, payment, order —
 * and writes nothing itself.
 *
 * Owns: nothing.
 */
export { orderRoutes } from './routes';
export { cancelUnpaid, closeIfOverdue, sweepOverdue, type CloseOutcome } from './close';
export { createOrder } from './service';
