import { char, index, int, json, mysqlEnum, mysqlTable, tinyint, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
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
  'share', // 分享领券: a friend claims from a member's shared pack
  'share_reward', // the sharer's reward once enough friends claimed
] as const;
export type CouponSource = (typeof couponSources)[number];

/** Who may claim a template: everyone, members without a paid order yet, or listed tiers. */
export const couponAudiences = ['everyone', 'new_customer', 'tiers'] as const;
export const couponTemplateStatuses = ['active', 'paused', 'ended'] as const;

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
    /** Products excluded even when their category is in scope (e.g. 茅台 from a 全场 coupon). */
    excludedProductIds: json('excluded_product_ids').$type<number[]>().notNull().default([]),
    /** Stores where it may be redeemed offline; empty = every store. */
    storeIds: json('store_ids').$type<number[]>().notNull().default([]),
    audience: mysqlEnum('audience', couponAudiences).notNull().default('everyone'),
    /** Tier codes for audience 'tiers'. */
    audienceTiers: json('audience_tiers').$type<string[]>().notNull().default([]),
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
    /** 分享领券: friends that must claim from a member's pack before the sharer is rewarded. */
    shareGoal: int('share_goal'),
    /** 分享领券: the template the sharer receives once shareGoal friends claimed. */
    shareRewardTemplateId: ref('share_reward_template_id'),
    status: mysqlEnum('status', couponTemplateStatuses).notNull().default('active'),
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
    /** A points exchange's request (route and canonical body, SHA-256 hex): its key with another body is 422. */
    requestFingerprint: char('request_fingerprint', { length: 64 }),
    /** How this coupon reached the member (metrics: issued / used per source). */
    source: mysqlEnum('source', couponSources).notNull(),
    lockedOrderId: ref('locked_order_id'),
    usedOrderId: ref('used_order_id'),
    usedChannel: mysqlEnum('used_channel', ['online', 'offline']),
    usedAt: utc('used_at'),
    /** Offline redemption (线下核销): the store and the staff member who took it. */
    usedStoreId: ref('used_store_id'),
    usedByStaffId: ref('used_by_staff_id'),
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
    // expiry job and 即将过期 reminders: available coupons by end of validity
    index('user_coupons_status_valid_to_idx').on(t.status, t.validTo),
  ],
);

/**
 * 扫码领券: a signed, expiring token staff or head office mint for a template, shown as a QR at
 * the till or printed on a poster. The QR carries `<id>.<signature>`; the row holds the limits.
 */
export const couponClaimTokens = mysqlTable(
  'coupon_claim_tokens',
  {
    id: id(),
    templateId: ref('template_id').notNull(),
    /** Where it was minted (null = head office); recorded on the claims for attribution. */
    storeId: ref('store_id'),
    createdByStaffId: ref('created_by_staff_id').notNull(),
    expiresAt: utc('expires_at').notNull(),
    /** Claims allowed through this token; null = only the template's own limits. */
    maxClaims: int('max_claims'),
    claimedCount: int('claimed_count').notNull().default(0),
    revokedAt: utc('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('coupon_claim_tokens_template_idx').on(t.templateId, t.createdAt)],
);

/** 分享领券: a member's shared pack of one template; friends claim from it, the sharer is rewarded once. */
export const couponShares = mysqlTable(
  'coupon_shares',
  {
    id: id(),
    templateId: ref('template_id').notNull(),
    sharerMemberId: ref('sharer_member_id').notNull(),
    /** Guarded counter of friends who claimed from this pack. */
    claimedCount: int('claimed_count').notNull().default(0),
    rewardedAt: utc('rewarded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // one pack per sharer per template, so "one reward per sharer per pack" is one row's flag
    uniqueIndex('coupon_shares_sharer_template_uq').on(t.sharerMemberId, t.templateId),
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
