import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { route } from '../../http/route';
import { NotifyTemplatesSchema } from './schema';

/**
 * Public: the mini-program asks for these ids with Taro.requestSubscribeMessage right before
 * paying (the user has to tap, and may not be signed in yet), so the ids live in one place.
 */
export function notifyRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  route(
    router,
    registry,
    {
      method: 'get',
      path: '/api/notify/templates',
      summary: 'Subscribe-message template ids to request before paying',
      tags: ['notify'],
      response: NotifyTemplatesSchema,
    },
    () => ({ ...deps.config.notifyTemplates }),
  );
  return router;
}
