import { boolean, index, int, mysqlEnum, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

/** A group-buy campaign (拼团活动) on one SKU. */
export const groupCampaigns = mysqlTable(
  'group_campaigns',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    title: varchar('title', { length: 64 }).notNull(),
    productId: ref('product_id').notNull(),
    skuId: ref('sku_id').notNull(),
    groupPriceFen: fen('group_price_fen').notNull(),
    /** 团长价; null = the leader pays the group price. */
    leaderPriceFen: fen('leader_price_fen'),
    groupSize: int('group_size').notNull(),
    fillSeconds: int('fill_seconds').notNull().default(86400),
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    allocatedStock: int('allocated_stock').notNull(),
    /** Units held or sold by this campaign; guarded so it never exceeds allocated_stock. */
    usedStock: int('used_stock').notNull().default(0),
    perUserLimit: int('per_user_limit').notNull().default(1),
    newCustomersOnly: boolean('new_customers_only').notNull().default(false),
    status: mysqlEnum('status', ['active', 'paused', 'ended']).notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('group_campaigns_code_uq').on(t.code),
    // home / product page: running campaigns of a product
    index('group_campaigns_product_idx').on(t.productId, t.status),
  ],
);

/**
 * The SKUs a campaign sells at its group price (尺码 / 颜色 the customer picks in the SKU sheet),
 * each with its own group and leader price. `group_campaigns.sku_id` stays the one shown first.
 * Migration 0007 gave every earlier campaign its one SKU here.
 */
export const groupCampaignSkus = mysqlTable(
  'group_campaign_skus',
  {
    campaignId: ref('campaign_id').notNull(),
    skuId: ref('sku_id').notNull(),
    groupPriceFen: fen('group_price_fen').notNull(),
    /** 团长价; null = the leader pays the group price. */
    leaderPriceFen: fen('leader_price_fen'),
    createdAt: createdAt(),
  },
  (t) => [
    // a campaign's SKUs (product page, checkout pricing)
    primaryKey({ columns: [t.campaignId, t.skuId] }),
  ],
);

/** A group's status; the BFF's group lifecycle table says how it moves. */
export const groupStatuses = ['pending', 'open', 'succeeded', 'failed'] as const;
export type GroupStatus = (typeof groupStatuses)[number];

/** One group (a team). seats_taken counts held + paid seats and never exceeds group_size. */
export const groups = mysqlTable(
  // not `groups`: a reserved word since MySQL 8.0.2 (window functions)
  'buy_groups',
  {
    id: id(),
    campaignId: ref('campaign_id').notNull(),
    leaderMemberId: ref('leader_member_id').notNull(),
    status: mysqlEnum('status', groupStatuses).notNull().default('pending'),
    groupSize: int('group_size').notNull(),
    seatsTaken: int('seats_taken').notNull().default(1),
    paidCount: int('paid_count').notNull().default(0),
    expiresAt: utc('expires_at'),
    succeededAt: utc('succeeded_at'),
    failedAt: utc('failed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // campaign page: open groups to join, closing soonest first
    index('groups_campaign_status_idx').on(t.campaignId, t.status, t.expiresAt),
    // expiry sweeper
    index('groups_status_expires_idx').on(t.status, t.expiresAt),
  ],
);

/** A seat's status; the BFF's group-seat lifecycle table says how it moves. */
export const groupSeatStatuses = ['held', 'paid', 'released', 'refunded'] as const;
export type GroupSeatStatus = (typeof groupSeatStatuses)[number];

export const groupMembers = mysqlTable(
  'group_members',
  {
    id: id(),
    groupId: ref('group_id').notNull(),
    memberId: ref('member_id').notNull(),
    orderId: ref('order_id').notNull(),
    isLeader: boolean('is_leader').notNull().default(false),
    /** Units this member buys in the group (counts against the campaign's per-user limit and stock). */
    qty: int('qty').notNull().default(1),
    status: mysqlEnum('status', groupSeatStatuses).notNull().default('held'),
    /** Who shared the link this member came through. */
    invitedBy: ref('invited_by'),
    paidAt: utc('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // nobody joins the same group twice
    uniqueIndex('group_members_group_member_uq').on(t.groupId, t.memberId),
    uniqueIndex('group_members_order_uq').on(t.orderId),
    // per-user campaign limit
    index('group_members_member_idx').on(t.memberId, t.status),
  ],
);
