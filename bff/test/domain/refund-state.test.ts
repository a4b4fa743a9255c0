import { refundStatuses, type RefundStatus } from '@shop/db';
import { refundLifecycle, type RefundEvent } from '../../src/domain/refund-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from what refund/*.ts does, so the table cannot drift unnoticed. */
const ALLOWED: [RefundStatus, RefundEvent, RefundStatus][] = [
  ['requested', 'approve', 'approved'],
  ['requested', 'reject', 'rejected'],
  ['approved', 'submit', 'processing'],
  ['approved', 'succeed', 'succeeded'],
  ['processing', 'succeed', 'succeeded'],
  ['failed', 'succeed', 'succeeded'],
  ['approved', 'abnormal', 'processing'],
  ['processing', 'abnormal', 'processing'],
  ['failed', 'abnormal', 'processing'],
  ['approved', 'close', 'failed'],
  ['processing', 'close', 'failed'],
  ['failed', 'close', 'failed'],
  ['processing', 'fail', 'failed'],
  ['failed', 'retry', 'approved'],
];

describeEveryPair(refundLifecycle, refundStatuses, ALLOWED);

describe('refund lifecycle invariants', () => {
  it('ends only in rejected or succeeded', () => {
    expect(terminal(refundLifecycle)).toEqual(['rejected', 'succeeded']);
  });

  it('reaches every status from a request', () => {
    expect(unreachable(refundLifecycle)).toEqual([]);
  });

  it('never goes back to requested: a decision is taken once', () => {
    for (const from of refundStatuses) expect(refundLifecycle.nextStatuses(from)).not.toContain('requested');
  });

  it('pays out only from a refund that was sent (approved, processing or failed)', () => {
    const into = refundStatuses.filter((from) => refundLifecycle.nextStatuses(from).includes('succeeded'));
    expect(into).toEqual(['approved', 'processing', 'failed']);
  });

  it('keeps a failed refund alive: it can be retried or still settle', () => {
    expect(refundLifecycle.isTerminal('failed')).toBe(false);
    expect(refundLifecycle.eventsFrom('failed')).toEqual(expect.arrayContaining(['retry', 'succeed']));
  });
});
