import { userCouponStatuses, type UserCouponStatus } from '@shop/db';
import { userCouponLifecycle, type UserCouponEvent } from '../../src/domain/user-coupon-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from the order, payment and refund paths that move coupons. */
const ALLOWED: [UserCouponStatus, UserCouponEvent, UserCouponStatus][] = [
  ['available', 'lock', 'locked'],
  ['locked', 'release', 'available'],
  ['locked', 'use', 'used'],
  ['used', 'return', 'available'],
  ['available', 'redeem', 'used'],
  ['available', 'expire', 'expired'],
];

describeEveryPair(userCouponLifecycle, userCouponStatuses, ALLOWED);

describe('user coupon lifecycle invariants', () => {
  it('has no terminal status but expired: a used coupon can come back, an expired one cannot', () => {
    expect(terminal(userCouponLifecycle)).toEqual(['expired']);
  });

  it('reaches every status from available', () => {
    expect(unreachable(userCouponLifecycle)).toEqual([]);
  });

  it('is used online only after it was locked for the order, offline straight from available', () => {
    expect(userCouponStatuses.filter((from) => userCouponLifecycle.nextStatuses(from).includes('used'))).toEqual(['available', 'locked']);
  });

  it('expires only while nobody holds it (a locked coupon is released first, a used one stays used)', () => {
    expect(userCouponStatuses.filter((from) => userCouponLifecycle.nextStatuses(from).includes('expired'))).toEqual(['available']);
  });
});
