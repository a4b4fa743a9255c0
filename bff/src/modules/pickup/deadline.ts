import type { Config } from '../../config';

const DAY_MS = 86_400_000;

/** The last day the customer may collect; the day after it, the overdue job refunds. */
export function pickupDeadline(deps: { config: Pick<Config, 'pickup'> }, readyAt: Date): Date {
  return new Date(readyAt.getTime() + (deps.config.pickup.refundAfterDays - 1) * DAY_MS);
}
