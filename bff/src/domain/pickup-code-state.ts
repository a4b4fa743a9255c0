import { pickupCodeStatuses, type PickupCodeStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A pickup code (docs/domain.md#pickup) as one table. It is created `open` when the store marks the
 * order ready; leaving `open` also clears open_code_hash, so its digits are free for the store again.
 *
 *   open ─use→ used     (staff handed the goods over)
 *     └void→ void       (not collected in time: the order is refunded)
 */
export const PICKUP_CODE_EVENTS = {
  use: { from: ['open'], to: 'used' },
  void: { from: ['open'], to: 'void' },
} as const satisfies Record<string, { from: readonly PickupCodeStatus[]; to: PickupCodeStatus }>;

export type PickupCodeEvent = keyof typeof PICKUP_CODE_EVENTS;

export const pickupCodeLifecycle = defineLifecycle({
  name: 'pickup_code',
  statuses: pickupCodeStatuses,
  initial: ['open'],
  events: PICKUP_CODE_EVENTS,
});
