import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { checkHealth } from './service';

const Check = z.enum(['ok', 'down']);
const HealthSchema = z.object({
  status: z.enum(['ok', 'unhealthy']),
  checks: z.object({ mysql: Check, redis: Check }),
});
/** A 503 also reads as an error body. */
const UnhealthySchema = HealthSchema.extend({ code: z.literal('UNHEALTHY'), message: z.string() });

export function healthRoutes({ db, redis }: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and dependency check (MariaDB, Redis)',
    responses: {
      200: { description: 'All dependencies answer', content: { 'application/json': { schema: HealthSchema } } },
      503: { description: 'A dependency is down', content: { 'application/json': { schema: UnhealthySchema } } },
    },
  });

  const router = new Router<AppState>();
  router.get('/healthz', async (ctx) => {
    const report = await checkHealth(db, redis);
    ctx.status = report.healthy ? 200 : 503;
    ctx.body = {
      status: report.healthy ? 'ok' : 'unhealthy',
      checks: report.checks,
      ...(report.healthy ? {} : { code: 'UNHEALTHY', message: '服务暂不可用' }),
    };
  });
  return router;
}
