import { userCouponStatuses, type UserCouponStatus } from '@shop/db';
import { userCouponLifecycle, type UserCouponEvent } from '../../src/domain/user-coupon-state';
import { describeEveryPair, terminal, unreachable } from './every-pair';

/** The allowed moves, written out by hand from the order, payment and refund paths that move coupons. */
const ALLOWED: [UserCouponStatus, UserCouponEvent, UserCouponStatus][] = [
  ['available', 'lock', 'locked'],
  ['locked', 'release', 'available'],
  ['locked', 'use', 'used'],
  ['used', 'return', 'available'],
];

describeEveryPair(userCouponLifecycle, userCouponStatuses, ALLOWED);

describe('user coupon lifecycle invariants', () => {
  it('has no terminal status but expired (which nothing enters): a used coupon can come back', () => {
    expect(terminal(userCouponLifecycle)).toEqual(['expired']);
  });

  it('reaches every status from available except expired, which is never written', () => {
    expect(unreachable(userCouponLifecycle)).toEqual(['expired']);
  });

  it('is used only after it was locked for the order', () => {
    expect(userCouponStatuses.filter((from) => userCouponLifecycle.nextStatuses(from).includes('used'))).toEqual(['locked']);
  });
});
