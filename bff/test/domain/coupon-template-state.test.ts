import { couponTemplateStatuses } from '@shop/db';
import { couponTemplateLifecycle, type CouponTemplateEvent } from '../../src/domain/coupon-template-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

type Status = (typeof couponTemplateStatuses)[number];

/** Written out by hand from what head office may do with a template. */
const ALLOWED: [Status, CouponTemplateEvent, Status][] = [
  ['active', 'pause', 'paused'],
  ['paused', 'resume', 'active'],
  ['active', 'end', 'ended'],
  ['paused', 'end', 'ended'],
];

describeEveryPair(couponTemplateLifecycle, couponTemplateStatuses, ALLOWED);

describe('coupon template lifecycle invariants', () => {
  it('ends for good', () => {
    expect(terminal(couponTemplateLifecycle)).toEqual(['ended']);
  });

  it('reaches every status', () => {
    expect(unreachable(couponTemplateLifecycle)).toEqual([]);
  });
});
