import { index, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref } from '../columns';

export const shareTargets = ['product', 'group', 'live', 'coupon', 'store'] as const;

/** A member shared something (card, QR code, poster). */
export const shareEvents = mysqlTable(
  'share_events',
  {
    id: id(),
    sharerId: ref('sharer_id').notNull(),
    targetType: mysqlEnum('target_type', shareTargets).notNull(),
    targetId: ref('target_id').notNull(),
    medium: mysqlEnum('medium', ['card', 'qrcode', 'poster', 'link']).notNull(),
    path: varchar('path', { length: 255 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // "who shared what": sharer leaderboard, per-target share counts
    index('share_events_sharer_idx').on(t.sharerId, t.createdAt),
    index('share_events_target_idx').on(t.targetType, t.targetId),
  ],
);

/** Someone arrived through a share or QR code (who brought whom, which WeChat scene). */
export const attributionVisits = mysqlTable(
  'attribution_visits',
  {
    id: id(),
    sharerId: ref('sharer_id'),
    visitorMemberId: ref('visitor_member_id'),
    targetType: mysqlEnum('target_type', shareTargets).notNull(),
    targetId: ref('target_id').notNull(),
    /** WeChat launch scene: 1007/1008 shared card, 1044, 1047–1049 QR codes. */
    scene: varchar('scene', { length: 8 }),
    liveRoomId: ref('live_room_id'),
    createdAt: createdAt(),
  },
  (t) => [
    // conversion metrics: visits per target over time
    index('attribution_visits_target_idx').on(t.targetType, t.targetId, t.createdAt),
    // "who brought whom"
    index('attribution_visits_sharer_idx').on(t.sharerId, t.createdAt),
    index('attribution_visits_visitor_idx').on(t.visitorMemberId, t.createdAt),
  ],
);
