import { groupStatuses, type GroupStatus } from '@shop/db';
import { groupLifecycle, type GroupEvent } from '../../src/domain/group-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from groupbuy/lifecycle.ts and admission.ts. */
const ALLOWED: [GroupStatus, GroupEvent, GroupStatus][] = [
  ['pending', 'open', 'open'],
  ['pending', 'abandon', 'failed'],
  ['open', 'succeed', 'succeeded'],
  ['open', 'expire', 'failed'],
];

describeEveryPair(groupLifecycle, groupStatuses, ALLOWED);

describe('group lifecycle invariants', () => {
  it('ends in succeeded or failed, and nothing leaves them', () => {
    expect(terminal(groupLifecycle)).toEqual(['succeeded', 'failed']);
  });

  it('reaches every status from pending', () => {
    expect(unreachable(groupLifecycle)).toEqual([]);
  });

  it('succeeds only once it was open (the leader paid)', () => {
    expect(groupStatuses.filter((from) => groupLifecycle.nextStatuses(from).includes('succeeded'))).toEqual(['open']);
  });
});
