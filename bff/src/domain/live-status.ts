import type { LiveStatus } from '@shop/db';

/**
 * What a live room is at `now` (docs/domain.md#live-links): 预告 `scheduled` before starts_at,
 * 直播中 `live` from starts_at until ends_at, 已结束 `ended` from ends_at on — unless head office
 * overrode it (a late start holds `scheduled`, an early start or an overrun forces `live`, an
 * early end forces `ended`), in which case the override wins until it is cleared.
 *
 * The window is half-open [starts_at, ends_at): at ends_at the broadcast is over.
 */
export function liveStatusAt(room: { startsAt: Date; endsAt: Date; statusOverride: LiveStatus | null }, now: Date): LiveStatus {
  if (room.statusOverride) return room.statusOverride;
  if (now < room.startsAt) return 'scheduled';
  if (now < room.endsAt) return 'live';
  return 'ended';
}

export const liveStatusText: Record<LiveStatus, string> = { scheduled: '预告', live: '直播中', ended: '已结束' };
