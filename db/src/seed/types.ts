import type { OpeningHours, SpecDefinition } from '../schema';
import type { couponKinds, couponSources, salesChannels } from '../schema';

/**
 * Shapes of the demo data in `data/*.ts`. Rows refer to each other by natural key (store code,
 * category names, SPU, spec values, template code), never by id: ids are looked up at load time.
 */

/** Minutes relative to the `now` of the first seed (negative = in the past). */
export type Offset = number;
export const minutes = (n: number): Offset => n;
export const hours = (n: number): Offset => n * 60;
export const days = (n: number): Offset => n * 24 * 60;

export type Window = { from: Offset; to: Offset };

export type TierSeed = {
  code: string;
  name: string;
  rank: number;
  thresholdFen: number;
  discountPercent: number;
  birthdayCoupon: boolean;
  flashEarlyAccessMinutes: number;
};

export type StoreSeed = {
  code: string;
  name: string;
  city: string;
  district: string;
  address: string;
  phone: string;
  /** GCJ-02, the datum wx.getLocation({ type: 'gcj02' }) and Tencent Maps use. */
  lat: number;
  lng: number;
  openingHours: OpeningHours;
};

export type CategorySeed = { name: string; slug: string; children: { name: string; slug: string }[] };

/** [top-level] or [top-level, child], e.g. ['女装'] or ['女装', '连衣裙']. */
export type CategoryPath = readonly [string] | readonly [string, string];

export type ProductSeed = {
  /** 款号; the digits are unique across the catalogue because barcodes are derived from them. */
  spu: string;
  category: readonly [string, string];
  brand: string;
  title: string;
  subtitle: string;
  description: string;
  /** SKUs are every combination of these values (colours outer, sizes inner), 1–6 of them. */
  specs: SpecDefinition;
  priceFen: number;
  listPriceFen?: number;
  /** A SKU carrying one of these spec values costs this instead, e.g. { '100ml': { priceFen: 25900 } }. */
  priceByValue?: Record<string, { priceFen: number; listPriceFen?: number }>;
  salesCount: number;
  status?: 'on_sale' | 'off_shelf';
};

/** A SKU named by its product and spec values, e.g. { spu: 'W1001', spec: { 颜色: '雾蓝', 尺码: 'M' } }. */
export type SkuRef = { spu: string; spec: Record<string, string> };

export type MemberSeed = {
  openid: string;
  nickname: string;
  avatarUrl: string;
  phone?: string;
  birthday?: string;
  tierCode: string;
  totalSpentFen: number;
  /** Written together with a points_ledger row (reason 'seed') so the ledger sums to it. */
  pointsBalance: number;
};

export type StaffSeed = { openid: string; role: 'clerk' | 'manager' | 'admin'; storeCode: string | null };

export type CouponScopeSeed =
  { scope: 'all' } | { scope: 'categories'; categories: CategoryPath[] } | { scope: 'products'; spus: string[] };

export type CouponTemplateSeed = {
  code: string;
  name: string;
  kind: (typeof couponKinds)[number];
  amountOffFen?: number;
  percent?: number;
  maxDiscountFen?: number;
  thresholdFen: number;
  target: CouponScopeSeed;
  channel: (typeof salesChannels)[number];
  source: (typeof couponSources)[number];
  validity: { fixed: Window } | { days: number };
  totalQuantity: number;
  perUserLimit: number;
  description: string;
  /** 分享领券: friends needed, and the code of the template the sharer then receives. */
  share?: { goal: number; rewardCode: string };
};

export type PointsExchangeSeed = { templateCode: string; pointsCost: number; stock: number; sort: number };

export type PromotionSeed = {
  code: string;
  name: string;
  tiers: { thresholdFen: number; offFen: number }[];
  channel: (typeof salesChannels)[number];
  window: Window;
};

export type GroupCampaignSeed = {
  code: string;
  title: string;
  /** The SKU shown first (group_campaigns.sku_id). */
  sku: SkuRef;
  /**
   * Every SKU the campaign sells (group_campaign_skus), the first one included: specs of the same
   * SPU, each at the campaign's group and leader price unless it names its own. Default: `sku` alone.
   */
  skus?: { spec: Record<string, string>; groupPriceFen?: number; leaderPriceFen?: number }[];
  groupPriceFen: number;
  leaderPriceFen?: number;
  groupSize: number;
  fillHours: number;
  window: Window;
  allocatedStock: number;
  perUserLimit: number;
  newCustomersOnly: boolean;
};

/**
 * A 秒杀场次 at a clock time of the first seed's day in Asia/Shanghai (day 0) or the next (day 1),
 * e.g. { day: 0, at: '10:00', until: '14:00' }: the 秒杀 page's session tabs.
 */
export type FlashSession = { day: 0 | 1; at: string; until: string };

export type FlashSaleSeed = {
  code: string;
  title: string;
  sku: SkuRef;
  priceFen: number;
  /** Offsets from the first seed's `now`; a `session` names clock times instead. */
  window: Window | FlashSession;
  allocatedStock: number;
  perUserLimit: number;
};

export type LiveRoomSeed = {
  code: string;
  title: string;
  coverUrl: string;
  hostName: string;
  description: string;
  window: Window;
  finderUserName: string;
  feedId?: string;
  storeCode: string;
  /** Featured products; a live price needs a SKU, a plain feature may name the product only. */
  products: ({ spu: string } | { sku: SkuRef; livePriceFen?: number })[];
  couponDrops: { templateCode: string; at: Offset }[];
};
