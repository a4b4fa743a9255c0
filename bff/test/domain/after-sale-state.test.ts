import { afterSaleStatuses, type AfterSaleStatus } from '@shop/db';
import {
  AFTER_SALE_STATUS_LABELS,
  HOLDING_AFTER_SALE_STATUSES,
  OPEN_AFTER_SALE_STATUSES,
  afterSaleLifecycle,
  finishingEvent,
  type AfterSaleEvent,
} from '../../src/domain/after-sale-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from what aftersale/*.ts does, so the table cannot drift unnoticed. */
const ALLOWED: [AfterSaleStatus, AfterSaleEvent, AfterSaleStatus][] = [
  ['requested', 'approve', 'approved'],
  ['requested', 'reject', 'rejected'],
  ['requested', 'cancel', 'cancelled'],
  ['approved', 'cancel', 'cancelled'],
  ['approved', 'receive', 'returned'],
  ['returned', 'refund', 'refunding'],
  ['refunding', 'refund_succeeded', 'refunded'],
  ['returned', 'hand_over', 'exchanged'],
];

describeEveryPair(afterSaleLifecycle, afterSaleStatuses, ALLOWED);

describe('after-sale lifecycle invariants', () => {
  it('ends only rejected, cancelled, refunded or exchanged', () => {
    expect(terminal(afterSaleLifecycle).sort()).toEqual(['cancelled', 'exchanged', 'refunded', 'rejected']);
  });

  it('reaches every status from a request', () => {
    expect(unreachable(afterSaleLifecycle)).toEqual([]);
  });

  it('lets the customer withdraw only before the goods are back at the store', () => {
    const cancellable = afterSaleStatuses.filter((s) => afterSaleLifecycle.eventsFrom(s).includes('cancel'));
    expect(cancellable).toEqual(['requested', 'approved']);
  });

  it('receives goods only for an approved request, and finishes only a returned one (each type its own way)', () => {
    expect(afterSaleStatuses.filter((s) => afterSaleLifecycle.nextStatuses(s).includes('returned'))).toEqual(['approved']);
    expect(finishingEvent('return')).toBe('refund');
    expect(finishingEvent('exchange')).toBe('hand_over');
    expect(afterSaleLifecycle.transition('returned', finishingEvent('exchange'))).toEqual({ ok: true, from: 'returned', to: 'exchanged' });
  });

  it('open requests are exactly the non-terminal statuses; held units add the two that gave goods back', () => {
    expect([...OPEN_AFTER_SALE_STATUSES].sort()).toEqual(afterSaleStatuses.filter((s) => !afterSaleLifecycle.isTerminal(s)).sort());
    expect([...HOLDING_AFTER_SALE_STATUSES].sort()).toEqual(afterSaleStatuses.filter((s) => s !== 'rejected' && s !== 'cancelled').sort());
  });

  it('has a Chinese label for every status', () => {
    for (const status of afterSaleStatuses) expect(AFTER_SALE_STATUS_LABELS[status]).toMatch(/[\u4e00-\u9fa5]/);
  });
});
