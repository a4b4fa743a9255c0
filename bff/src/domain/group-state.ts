import { groupStatuses, type GroupStatus } from '@shop/db';
import { defineLifecycle } from './lifecycle';

/**
 * A group's life (docs/domain.md#group-buys) as one table. A group is created `pending` when its
 * leader orders; nobody can join before the leader pays.
 *
 *   pending ─open→ open ─succeed→ succeeded     (the Nth member paid)
 *      │             └expire→ failed            (time ran out with fewer than N paid)
 *      └abandon→ failed                         (the leader's unpaid order was cancelled)
 */
export const GROUP_EVENTS = {
  /** The leader paid: the group becomes joinable and its clock starts. */
  open: { from: ['pending'], to: 'open' },
  succeed: { from: ['open'], to: 'succeeded' },
  /** By the expiry job, or by a payment that arrives after the time is up. */
  expire: { from: ['open'], to: 'failed' },
  abandon: { from: ['pending'], to: 'failed' },
} as const satisfies Record<string, { from: readonly GroupStatus[]; to: GroupStatus }>;

export type GroupEvent = keyof typeof GROUP_EVENTS;

export const groupLifecycle = defineLifecycle({ name: 'group', statuses: groupStatuses, initial: ['pending'], events: GROUP_EVENTS });
