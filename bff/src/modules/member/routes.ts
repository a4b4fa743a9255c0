import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import {
  BindPhoneSchema,
  MemberByNumberSchema,
  MemberCodeSchema,
  MemberNoParamsSchema,
  MemberViewSchema,
  PointsPageSchema,
  PointsQuerySchema,
  UpdateProfileSchema,
} from './schema';
import { bindPhone, currentMemberCode, findMemberByNumber, getMemberView, listPoints, updateProfile } from './service';

export function memberRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['member'];

  route(
    router,
    registry,
    { method: 'get', path: '/api/me', summary: 'My profile, tier, progress and points', tags, auth: true, response: MemberViewSchema },
    (ctx) => getMemberView(deps, requireMemberId(ctx)),
  );

  route(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/me',
      summary: 'Edit nickname, avatar; set birthday once',
      tags,
      auth: true,
      body: UpdateProfileSchema,
      response: MemberViewSchema,
    },
    (ctx, { body }) => updateProfile(deps, requireMemberId(ctx), body),
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/me/phone',
      summary: 'Bind the phone number from a getPhoneNumber code',
      tags,
      auth: true,
      body: BindPhoneSchema,
      response: MemberViewSchema,
    },
    (ctx, { body }) => bindPhone(deps, requireMemberId(ctx), body.code),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/points',
      summary: 'My points ledger, newest first',
      tags,
      auth: true,
      query: PointsQuerySchema,
      response: PointsPageSchema,
    },
    (ctx, { query }) => listPoints(deps, requireMemberId(ctx), query.limit, query.cursor),
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/me/member-code',
      summary: 'Rotating member code for the till (valid ≤ 60 s)',
      tags,
      auth: true,
      response: MemberCodeSchema,
    },
    (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      return currentMemberCode(deps, requireMemberId(ctx));
    },
  );

  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/staff/members/by-number/:memberNo',
      summary: 'Look a member up by 会员号 at the till (staff only)',
      tags: ['staff'],
      auth: true,
      params: MemberNoParamsSchema,
      response: MemberByNumberSchema,
    },
    (ctx, { params }) => findMemberByNumber(deps, requireMemberId(ctx), params.memberNo),
  );

  return router;
}
