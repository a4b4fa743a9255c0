import type { FlashSaleSeed, GroupCampaignSeed, PromotionSeed } from '../types';
import { days, hours, minutes } from '../types';

/*
 * Windows are offsets from the `now` of the FIRST seed. A re-seed never moves them: idempotency
 * (a re-seed changes nothing) beats freshness. To get fresh windows, reset the database.
 */

export const promotionSeeds: PromotionSeed[] = [
  {
    code: 'MJ-SEASON',
    name: '换季满减 满199减20 满399减50',
    tiers: [
      { thresholdFen: 19900, offFen: 2000 },
      { thresholdFen: 39900, offFen: 5000 },
    ],
    channel: 'both',
    window: { from: days(-1), to: days(30) },
  },
];

export const groupCampaignSeeds: GroupCampaignSeed[] = [
  {
    code: 'GB-TEE-2',
    title: '2人团 长绒棉圆领T恤',
    sku: { spu: 'W1005', spec: { 颜色: '白色', 尺码: 'M' } },
    groupPriceFen: 5900,
    leaderPriceFen: 4900,
    groupSize: 2,
    fillHours: 24,
    window: { from: days(-1), to: days(14) },
    allocatedStock: 200,
    perUserLimit: 2,
    newCustomersOnly: false,
  },
  {
    code: 'GB-TOWEL-3',
    title: '3人团 新人专享毛巾三条装',
    sku: { spu: 'H4004', spec: { 规格: '34×76cm 三条装' } },
    groupPriceFen: 2990,
    groupSize: 3,
    fillHours: 24,
    window: { from: hours(-1), to: days(7) },
    allocatedStock: 150,
    perUserLimit: 1,
    newCustomersOnly: true,
  },
];

/** Starts shortly after the first seed, so the countdown and gold early access can be shown. */
export const flashSaleSeeds: FlashSaleSeed[] = [
  {
    code: 'FS-SERUM-30ML',
    title: '限时秒杀 玻尿酸补水精华 30ml',
    sku: { spu: 'B5001', spec: { 规格: '30ml' } },
    priceFen: 9900,
    window: { from: minutes(15), to: days(2) },
    allocatedStock: 100,
    perUserLimit: 1,
  },
];
