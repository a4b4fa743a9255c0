import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { AppDeps } from '../../deps';
import type { AppState } from '../../http/context';
import { errors } from '../../http/errors';
import { requestLimit } from '../../http/rate-limit';
import { route } from '../../http/route';
import { MemberViewSchema } from '../member';
import { login, logout } from './service';

const LoginSchema = z.object({ code: z.string().trim().min(1, '缺少登录凭证').max(128) });
const LoginResultSchema = z.object({ token: z.string(), user: MemberViewSchema }).openapi('LoginResult');

export function authRoutes(deps: AppDeps, registry: OpenAPIRegistry): Router<AppState> {
  const router = new Router<AppState>();
  const tags = ['auth'];

  route(
    router,
    registry,
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with a wx.login code',
      tags,
      body: LoginSchema,
      response: LoginResultSchema,
      // Before the code reaches WeChat: each attempt is a code2Session call (docs/domain.md#request-limits).
      rateLimit: requestLimit(deps.redis, 'login', deps.config.rateLimits.login, deps.config.rateLimits),
    },
    (_ctx, { body }) => login(deps, body.code),
  );

  route(router, registry, { method: 'post', path: '/api/auth/logout', summary: 'End this session', tags, auth: true }, async (ctx) => {
    if (!ctx.state.auth) throw errors.unauthenticated();
    await logout(deps, ctx.state.auth.token);
  });

  return router;
}
