import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { requireStaff } from './guard';
import { BindStaffSchema, ResolveMemberCodeSchema, StaffBindingSchema, StaffMemberParamsSchema, TillMemberSchema } from './schema';
import { bindStaff, resolveMemberCode, unbindStaff } from './service';

export function staffRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/staff/members/resolve',
      summary: 'Resolve a scanned member code to the member at the till (one scan per code)',
      tags: ['staff'],
      auth: true,
      body: ResolveMemberCodeSchema,
      response: TillMemberSchema,
    },
    async (ctx, { body }) => {
      const staff = await requireStaff(ctx, deps.db, 'clerk');
      return resolveMemberCode(deps, staff, body.code, ctx.get('user-agent'));
    },
  );

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/admin/staff',
      summary: 'Bind a member to a store as clerk or manager (admin only)',
      tags: ['admin'],
      auth: true,
      body: BindStaffSchema,
      response: StaffBindingSchema,
    },
    async (ctx, { body }) => {
      const admin = await requireStaff(ctx, deps.db, 'admin');
      return bindStaff(deps, admin, body, ctx.get('user-agent'));
    },
  );

  route(
    router,
    registry,
    {
      method: 'delete',
      path: '/api/admin/staff/:memberId',
      summary: 'Unbind a clerk or manager: no longer staff, and every session they hold ends at once (admin only)',
      tags: ['admin'],
      auth: true,
      params: StaffMemberParamsSchema,
      status: 204,
    },
    async (ctx, { params }) => {
      const admin = await requireStaff(ctx, deps.db, 'admin');
      await unbindStaff(deps, admin, params.memberId, ctx.get('user-agent'));
    },
  );

  return router;
}
