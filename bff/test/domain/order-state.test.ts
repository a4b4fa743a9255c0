import { orderStatuses, type OrderStatus } from '@shop/db';
import { ORDER_EVENTS, nextStatuses, transition, type OrderEvent } from '../../src/domain/order-state';

/** The allowed moves, written out by hand from docs/domain.md#orders so the table cannot drift unnoticed. */
const ALLOWED: [OrderStatus, OrderEvent, OrderStatus][] = [
  ['pending_payment', 'pay', 'paid'],
  ['pending_payment', 'cancel', 'cancelled'],
  ['paid', 'await_group', 'awaiting_group'],
  ['paid', 'prepare', 'preparing'],
  ['awaiting_group', 'group_succeeded', 'preparing'],
  ['preparing', 'mark_ready', 'ready_for_pickup'],
  ['ready_for_pickup', 'complete', 'completed'],
  ['paid', 'refund_all', 'refunded'],
  ['awaiting_group', 'refund_all', 'refunded'],
  ['preparing', 'refund_all', 'refunded'],
  ['ready_for_pickup', 'refund_all', 'refunded'],
  ['completed', 'refund_all', 'refunded'],
];

const events = Object.keys(ORDER_EVENTS) as OrderEvent[];
const everyPair = orderStatuses.flatMap((from) => events.map((event) => [from, event] as const));

describe('order state machine', () => {
  it.each(everyPair)('%s --%s→ is allowed exactly when the table says so', (from, event) => {
    const expected = ALLOWED.find(([f, e]) => f === from && e === event);
    const result = transition(from, event);
    if (expected) expect(result).toEqual({ ok: true, from, to: expected[2] });
    else expect(result).toEqual({ ok: false, from, event });
  });

  it('has no way out of cancelled and refunded', () => {
    expect(nextStatuses('cancelled')).toEqual([]);
    expect(nextStatuses('refunded')).toEqual([]);
  });

  it('never goes back to pending_payment', () => {
    for (const from of orderStatuses) expect(nextStatuses(from)).not.toContain('pending_payment');
  });
});
