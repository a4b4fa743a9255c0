import { groupSeatStatuses, type GroupSeatStatus } from '@shop/db';
import { groupSeatLifecycle, type GroupSeatEvent } from '../../src/domain/group-seat-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from groupbuy/lifecycle.ts. */
const ALLOWED: [GroupSeatStatus, GroupSeatEvent, GroupSeatStatus][] = [
  ['held', 'pay', 'paid'],
  ['paid', 'refund', 'refunded'],
];

describeEveryPair(groupSeatLifecycle, groupSeatStatuses, ALLOWED);

describe('group seat lifecycle invariants', () => {
  it('ends in refunded (and released, which nothing enters)', () => {
    expect(terminal(groupSeatLifecycle)).toEqual(['released', 'refunded']);
  });

  it('reaches every status from held except released: a released seat is deleted, not marked', () => {
    expect(unreachable(groupSeatLifecycle)).toEqual(['released']);
  });

  it('refunds only a paid seat', () => {
    expect(groupSeatStatuses.filter((from) => groupSeatLifecycle.nextStatuses(from).includes('refunded'))).toEqual(['paid']);
  });
});
