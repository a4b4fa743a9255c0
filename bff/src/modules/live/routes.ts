import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { asc, eq, gt, or } from 'drizzle-orm';
import { liveRooms } from '@shop/db';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { liveStatusAt } from '../../domain/live-status';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';

const LiveRoomSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    coverUrl: z.string(),
    hostName: z.string(),
    status: z.enum(['scheduled', 'live', 'ended']),
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .openapi('LiveRoom');

/** Read side of live rooms (now and upcoming); buying from a live arrives with the live issue. */
export function liveRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/lives',
      summary: 'Live rooms now and upcoming',
      tags: ['live'],
      response: z.object({ items: z.array(LiveRoomSchema) }),
    },
    // Home slot: cached in-process for 2 s.
    () =>
      deps.readCache.get('activity', 'home:lives', 2_000, async () => {
        const now = deps.now();
        const rows = await deps.db
          .select()
          .from(liveRooms)
          .where(or(gt(liveRooms.endsAt, now), eq(liveRooms.statusOverride, 'live')))
          .orderBy(asc(liveRooms.startsAt));
        const rooms = rows.map((room) => ({ ...room, status: liveStatusAt(room, now) })).filter((room) => room.status !== 'ended');
        // Live first, then upcoming by start time.
        rooms.sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live'));
        return {
          items: rooms.map((room) => ({
            id: room.id,
            title: room.title,
            coverUrl: room.coverUrl,
            hostName: room.hostName,
            status: room.status,
            startsAt: room.startsAt.toISOString(),
            endsAt: room.endsAt.toISOString(),
          })),
        };
      }),
  );
  return router;
}
