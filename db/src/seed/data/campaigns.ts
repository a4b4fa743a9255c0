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
    // Every colour and size of the T-shirt, so the customer picks theirs in the SKU sheet.
    skus: ['白色', '黑色', '浅灰'].flatMap((颜色) => ['S', 'M'].map((尺码) => ({ spec: { 颜色, 尺码 } }))),
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
  // 秒杀场次 at fixed clock times of the seed's day and the next, so the 秒杀 page shows its tabs.
  {
    code: 'FS-D0-1000-CLEANSER',
    title: '10点场 氨基酸洁面乳 120g',
    sku: { spu: 'B5002', spec: { 规格: '120g' } },
    priceFen: 2990,
    window: { day: 0, at: '10:00', until: '14:00' },
    allocatedStock: 60,
    perUserLimit: 1,
  },
  {
    code: 'FS-D0-1000-SUNSCREEN',
    title: '10点场 清透防晒乳 50ml',
    sku: { spu: 'B5003', spec: { 规格: '50ml' } },
    priceFen: 4900,
    window: { day: 0, at: '10:00', until: '14:00' },
    allocatedStock: 60,
    perUserLimit: 1,
  },
  {
    code: 'FS-D0-1400-PILLOW',
    title: '14点场 天然乳胶枕',
    sku: { spu: 'H4003', spec: { 规格: '标准款' } },
    priceFen: 9900,
    window: { day: 0, at: '14:00', until: '20:00' },
    allocatedStock: 40,
    perUserLimit: 1,
  },
  {
    code: 'FS-D0-2000-BOWLS',
    title: '20点场 釉下彩餐具10件套',
    sku: { spu: 'H4008', spec: { 规格: '10件套' } },
    priceFen: 8900,
    window: { day: 0, at: '20:00', until: '24:00' },
    allocatedStock: 40,
    perUserLimit: 1,
  },
  {
    code: 'FS-D1-1000-SHAMPOO',
    title: '明日10点场 无硅油洗发水 500ml',
    sku: { spu: 'B5006', spec: { 规格: '500ml' } },
    priceFen: 2990,
    window: { day: 1, at: '10:00', until: '14:00' },
    allocatedStock: 60,
    perUserLimit: 1,
  },
];
