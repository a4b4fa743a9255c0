import { pickupCodeStatuses, type PickupCodeStatus } from '@shop/db';
import { pickupCodeLifecycle, type PickupCodeEvent } from '../../src/domain/pickup-code-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from pickup/service.ts and pickup/overdue.ts. */
const ALLOWED: [PickupCodeStatus, PickupCodeEvent, PickupCodeStatus][] = [
  ['open', 'use', 'used'],
  ['open', 'void', 'void'],
];

describeEveryPair(pickupCodeLifecycle, pickupCodeStatuses, ALLOWED);

describe('pickup code lifecycle invariants', () => {
  it('is used once: used and void have no way out', () => {
    expect(terminal(pickupCodeLifecycle)).toEqual(['used', 'void']);
  });

  it('reaches every status from open', () => {
    expect(unreachable(pickupCodeLifecycle)).toEqual([]);
  });
});
