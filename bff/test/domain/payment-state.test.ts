import { paymentStatuses, type PaymentStatus } from '@shop/db';
import { paymentLifecycle, type PaymentEvent } from '../../src/domain/payment-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from payment/service.ts and the unpaid-order close. */
const ALLOWED: [PaymentStatus, PaymentEvent, PaymentStatus][] = [
  ['pending', 'pay', 'paid'],
  ['closed', 'pay', 'paid'],
  ['flagged', 'pay', 'paid'],
  ['pending', 'flag', 'flagged'],
  ['closed', 'flag', 'flagged'],
  ['flagged', 'flag', 'flagged'],
  ['pending', 'close', 'closed'],
];

describeEveryPair(paymentLifecycle, paymentStatuses, ALLOWED);

describe('payment lifecycle invariants', () => {
  it('ends only in paid: money that arrived is never un-arrived (refunds are their own records)', () => {
    expect(terminal(paymentLifecycle)).toEqual(['paid']);
  });

  it('reaches every status from pending', () => {
    expect(unreachable(paymentLifecycle)).toEqual([]);
  });

  it('never goes back to pending', () => {
    for (const from of paymentStatuses) expect(paymentLifecycle.nextStatuses(from)).not.toContain('pending');
  });
});
