import type { TierSeed } from '../types';

/** Domain defaults (docs/domain.md#members); thresholds are cumulative net spend in fen. */
export const tierSeeds: TierSeed[] = [
  { code: 'normal', name: '普通会员', rank: 1, thresholdFen: 0, discountPercent: 90, birthdayCoupon: false, flashEarlyAccessMinutes: 0 },
  {
    code: 'silver',
    name: '白银会员',
    rank: 2,
    thresholdFen: 100_000,
    discountPercent: 85,
    birthdayCoupon: true,
    flashEarlyAccessMinutes: 0,
  },
  {
    code: 'gold',
    name: '黄金会员',
    rank: 3,
    thresholdFen: 500_000,
    discountPercent: 80,
    birthdayCoupon: true,
    flashEarlyAccessMinutes: 10,
  },
];
