import { index, int, json, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

export const couponKinds = [
  'threshold', // 满减券: amount off when the eligible subtotal reaches the threshold
  'percent', // 折扣券: percent off, optional cap
  'no_threshold', // 无门槛券
] as const;
export const couponScopes = ['all', 'categories', 'products'] as const;
export const salesChannels = ['online', 'offline', 'both'] as const;
export const couponSources = [
  'center', // 领券中心
  'new_customer', // 新人首单券
  'monthly', // 会员月券
  'birthday', // 生日券
  'points', // 积分兑换
  'store_qr', // 门店扫码领券
  'live', // 直播间发券
] as const;

export const couponTemplates = mysqlTable(
  'coupon_templates',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    name: varchar('name', { length: 64 }).notNull(),
    kind: mysqlEnum('kind', couponKinds).notNull(),
    amountOffFen: fen('amount_off_fen'),
    /** Price multiplier in percent for percent coupons: 88 = 8.8折. */
    percent: tinyint('percent', { unsigned: true }),
    maxDiscountFen: fen('max_discount_fen'),
    thresholdFen: fen('threshold_fen').notNull().default(0),
    scope: mysqlEnum('scope', couponScopes).notNull().default('all'),
    scopeIds: json('scope_ids').$type<number[]>().notNull(),
    channel: mysqlEnum('channel', salesChannels).notNull().default('both'),
    source: mysqlEnum('source', couponSources).notNull(),
    validity: mysqlEnum('validity', ['fixed', 'relative']).notNull(),
    validFrom: utc('valid_from'),
    validTo: utc('valid_to'),
    validDays: int('valid_days'),
    totalQuantity: int('total_quantity').notNull(),
    /** Guarded counter: UPDATE … SET issued = issued + 1 WHERE issued < total_quantity. */
    issuedCount: int('issued_count').notNull().default(0),
    perUserLimit: int('per_user_limit').notNull().default(1),
    status: mysqlEnum('status', ['active', 'paused', 'ended']).notNull().default('active'),
    description: varchar('description', { length: 255 }).notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('coupon_templates_code_uq').on(t.code),
    // claim centre / jobs: active templates of a source
    index('coupon_templates_source_idx').on(t.source, t.status),
  ],
);

/** A held coupon's status; the BFF's user-coupon lifecycle table says how it moves. */
export const userCouponStatuses = ['available', 'locked', 'used', 'expired'] as const;
export type UserCouponStatus = (typeof userCouponStatuses)[number];

/** A coupon a member holds. `code` is what staff scan to redeem it at the till. */
export const userCoupons = mysqlTable(
  'user_coupons',
  {
    id: id(),
    templateId: ref('template_id').notNull(),
    memberId: ref('member_id').notNull(),
    code: varchar('code', { length: 32 }).notNull(),
    status: mysqlEnum('status', userCouponStatuses).notNull().default('available'),
    validFrom: utc('valid_from').notNull(),
    validTo: utc('valid_to').notNull(),
    /** What issued it (birthday:2026, monthly:2026-11, claim:<n>); makes job reruns issue nothing twice. */
    issueKey: varchar('issue_key', { length: 64 }).notNull(),
    lockedOrderId: ref('locked_order_id'),
    usedOrderId: ref('used_order_id'),
    usedChannel: mysqlEnum('used_channel', ['online', 'offline']),
    usedAt: utc('used_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('user_coupons_code_uq').on(t.code),
    // idempotent issuing per member
    uniqueIndex('user_coupons_issue_uq').on(t.memberId, t.templateId, t.issueKey),
    // GET /api/me/coupons?status=
    index('user_coupons_member_status_idx').on(t.memberId, t.status, t.validTo),
    // per-user limit check
    index('user_coupons_template_member_idx').on(t.templateId, t.memberId),
  ],
);

/** Items in the points exchange (积分兑换): a coupon template for a number of points. */
export const pointsExchangeItems = mysqlTable(
  'points_exchange_items',
  {
    id: id(),
    templateId: ref('template_id').notNull(),
    pointsCost: int('points_cost').notNull(),
    stock: int('stock').notNull(),
    sort: int('sort').notNull().default(0),
    status: mysqlEnum('status', ['active', 'paused']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // GET /api/points/exchange
    index('points_exchange_status_idx').on(t.status, t.sort),
  ],
);
