import crypto from 'node:crypto';
import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { randomAlphanumeric } from '../ids';
import { checkAppCredentials, mpError, mpFaults } from './common';

/** wx.login codes live five minutes and can be exchanged once. */
export const LOGIN_CODE_TTL_MS = 5 * 60 * 1000;

/** Stands in for wx.login: a code that code2Session accepts once. */
export function issueLoginCode(deps: SandboxDeps, openid: string, unionid?: string): string {
  const code = randomAlphanumeric(32);
  deps.state.loginCodes.set(code, { openid, unionid, issuedAt: deps.now().getTime(), used: false });
  return code;
}

export function sessionRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  /** code2Session: `GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code`. */
  router.get(
    '/sns/jscode2session',
    (_ctx, next) => {
      deps.state.code2SessionCalls += 1;
      return next();
    },
    mpFaults(deps, 'jscode2session'),
    (ctx) => {
      const { appid, secret, js_code: code, grant_type: grantType } = ctx.query;
      if (!checkAppCredentials(deps, ctx, appid, secret)) return;
      if (grantType !== 'authorization_code') return mpError(ctx, 40002);
      if (typeof code !== 'string' || !code) return mpError(ctx, 41008);
      const entry = deps.state.loginCodes.get(code);
      // Unknown, reused and expired codes all answer 40029 (WeChat has also been seen answering
      // 40163 "code been used" for reuse; clients should treat both as "log in again").
      if (!entry || entry.used || deps.now().getTime() - entry.issuedAt > LOGIN_CODE_TTL_MS) return mpError(ctx, 40029);
      entry.used = true;
      ctx.body = {
        session_key: crypto.randomBytes(16).toString('base64'),
        openid: entry.openid,
        ...(entry.unionid ? { unionid: entry.unionid } : {}),
      };
    },
  );
}
