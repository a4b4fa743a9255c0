/**
 * Store pickup (docs/domain.md#pickup): 备货完成 with a pickup code, verification and handover,
 * uncollected orders (reminder, refund), the store's queue and counters.
 *
 * Owns: pickup_codes.
 */
export { pickupRoutes } from './routes';
export { pickupCodeOf } from './service';
export { refundUncollected, remindUncollected } from './overdue';
export { PickupCodeSchema } from './schema';
