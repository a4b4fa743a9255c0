import { index, int, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, fen, id, ref, updatedAt, utc } from '../columns';

export const liveStatuses = ['scheduled', 'live', 'ended'] as const;
export type LiveStatus = (typeof liveStatuses)[number];

/** A live broadcast (直播). Channels (视频号) live by finder user name; legacy room id optional. */
export const liveRooms = mysqlTable(
  'live_rooms',
  {
    id: id(),
    code: varchar('code', { length: 32 }).notNull(),
    title: varchar('title', { length: 64 }).notNull(),
    coverUrl: varchar('cover_url', { length: 512 }).notNull(),
    hostName: varchar('host_name', { length: 32 }).notNull(),
    description: varchar('description', { length: 255 }).notNull().default(''),
    startsAt: utc('starts_at').notNull(),
    endsAt: utc('ends_at').notNull(),
    /**
     * Head office's override of the schedule (docs/domain.md#live-links): null follows
     * starts_at / ends_at; 'scheduled' holds a late start, 'live' runs early or over, 'ended'
     * ends early. The status shown is always computed (bff/src/domain/live-status.ts).
     */
    statusOverride: mysqlEnum('status_override', liveStatuses),
    statusOverriddenAt: utc('status_overridden_at'),
    finderUserName: varchar('finder_user_name', { length: 64 }),
    feedId: varchar('feed_id', { length: 128 }),
    legacyRoomId: int('legacy_room_id'),
    /** The store that fulfils live orders by default. */
    storeId: ref('store_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('live_rooms_code_uq').on(t.code),
    // GET /api/lives: not yet over, by start
    index('live_rooms_ends_idx').on(t.endsAt),
  ],
);

/** Products shown in a live, with an optional live-only price valid during the broadcast. */
export const liveProducts = mysqlTable(
  'live_products',
  {
    id: id(),
    liveRoomId: ref('live_room_id').notNull(),
    productId: ref('product_id').notNull(),
    skuId: ref('sku_id'),
    livePriceFen: fen('live_price_fen'),
    sort: int('sort').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('live_products_room_product_uq').on(t.liveRoomId, t.productId, t.skuId),
    // product detail: is this product in a live now
    index('live_products_product_idx').on(t.productId),
  ],
);

/** Coupons dropped into a live room (直播间发券). */
export const liveCouponDrops = mysqlTable(
  'live_coupon_drops',
  {
    id: id(),
    liveRoomId: ref('live_room_id').notNull(),
    templateId: ref('template_id').notNull(),
    dropAt: utc('drop_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // live page: drops of a room
    index('live_coupon_drops_room_idx').on(t.liveRoomId, t.dropAt),
  ],
);
