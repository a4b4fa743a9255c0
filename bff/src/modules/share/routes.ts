import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import { requireMemberId } from '../../http/auth';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { recordShare, recordVisit } from './service';

const id = z.number().int().positive();
const target = z.enum(['group', 'product', 'live']);

/** Shares (who shared what) and visits through them (who brought whom). */
export function shareRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/shares',
      summary: 'Records a share and returns the path the shared card opens',
      tags: ['share'],
      auth: true,
      body: z.object({ type: target, targetId: id, medium: z.enum(['card', 'qrcode', 'poster', 'link']).default('card') }),
      response: z.object({ path: z.string() }),
    },
    async (ctx, { body }) => recordShare(deps.db, requireMemberId(ctx), body),
  );
  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/visits',
      summary: 'Records an entry through a share or mini-program code (sign-in optional)',
      tags: ['share'],
      body: z.object({ targetType: target, targetId: id, sharerId: id.optional(), scene: z.string().max(64).optional() }),
      status: 204,
    },
    async (ctx, { body }) => {
      await recordVisit(deps.db, ctx.state.auth?.memberId, body);
    },
  );
  return router;
}
