import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { ClaimedCouponSchema } from '../coupon';
import { requireStaff } from '../staff';
import {
  AdminLiveRoomSchema,
  LiveDropParams,
  LiveIdParams,
  LiveRoomDetailSchema,
  LiveRoomSchema,
  LiveStatusOverrideBodySchema,
} from './schema';
import { claimDrop, listLives, liveDetail, overrideStatus } from './service';

/** The customer's live routes: rooms now and upcoming, one room's page, and its coupon drops. */
export function liveRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['live'];

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/lives',
      summary: 'Live rooms: 直播中 first, then 预告 by start (ended ones are left out)',
      tags,
      response: z.object({ items: z.array(LiveRoomSchema) }),
    },
    () => listLives(deps),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/lives/:id',
      summary: 'One live room: status, WeChat target, featured products with 直播价, coupon drops (claim state for the signed-in member)',
      tags,
      params: LiveIdParams,
      response: LiveRoomDetailSchema,
    },
    (ctx, { params }) => liveDetail(deps, params.id, ctx.state.auth?.memberId ?? null),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/lives/:id/drops/:dropId/claim',
      summary: '直播间领券: claim a dropped coupon while the broadcast is live and after its drop time',
      tags,
      auth: true,
      params: LiveDropParams,
      response: ClaimedCouponSchema,
      status: 201,
      rateLimit: requestLimit(deps.redis, 'coupon_claim', deps.config.rateLimits.couponClaim, deps.config.rateLimits),
    },
    (ctx, { params }) => claimDrop(deps, requireMemberId(ctx), params.id, params.dropId),
  );

  route(
    router,
    registry,
    {
      method: 'put',
      path: '/api/admin/lives/:id/status-override',
      summary: "Head office overrides a room's schedule (推迟开播 / 提前开播 / 提前结束; null follows the schedule), audited (admin)",
      tags,
      auth: true,
      params: LiveIdParams,
      body: LiveStatusOverrideBodySchema,
      response: AdminLiveRoomSchema,
    },
    async (ctx, { params, body }) => {
      const admin = await requireStaff(ctx, deps.db, 'admin');
      return overrideStatus(deps, admin, params.id, body.override, ctx.get('user-agent'));
    },
  );

  return router;
}
