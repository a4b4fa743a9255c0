import crypto from 'node:crypto';
import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import type { AccessToken } from '../state';
import { checkAppCredentials, mpError, mpFaults } from './common';

/**
 * Access tokens. `cgi-bin/token` issues a new token on every call and retires the previous one
 * (usable for 5 more minutes, as WeChat documents), which is why servers must cache the token
 * and never fetch it per request. `stable_token` returns the same token until it expires unless
 * force_refresh; the two kinds are independent of each other, as on WeChat.
 */
export function tokenRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.get('/cgi-bin/token', mpFaults(deps, 'token'), (ctx) => {
    const { grant_type: grantType, appid, secret } = ctx.query;
    if (grantType !== 'client_credential') return mpError(ctx, 40002);
    if (!checkAppCredentials(deps, ctx, appid, secret)) return;
    const now = deps.now().getTime();
    const previous = deps.state.currentToken ? deps.state.accessTokens.get(deps.state.currentToken) : undefined;
    if (previous && previous.replacedAt === undefined) previous.replacedAt = now;
    const token = issue(deps, 'token');
    deps.state.currentToken = token.token;
    ctx.body = { access_token: token.token, expires_in: deps.tokenTtlSeconds };
  });

  router.post('/cgi-bin/stable_token', mpFaults(deps, 'stable_token'), (ctx) => {
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return mpError(ctx, 47001);
    if (body.grant_type !== 'client_credential') return mpError(ctx, 40002);
    if (!checkAppCredentials(deps, ctx, body.appid, body.secret)) return;
    const now = deps.now().getTime();
    const current = deps.state.currentStableToken ? deps.state.accessTokens.get(deps.state.currentStableToken) : undefined;
    if (current && body.force_refresh !== true && now < current.expiresAt) {
      ctx.body = { access_token: current.token, expires_in: Math.floor((current.expiresAt - now) / 1000) };
      return;
    }
    // force_refresh kills the previous stable token at once; an expired one simply stays expired.
    if (current && body.force_refresh === true) current.revoked = true;
    const token = issue(deps, 'stable');
    deps.state.currentStableToken = token.token;
    ctx.body = { access_token: token.token, expires_in: deps.tokenTtlSeconds };
  });
}

function issue(deps: SandboxDeps, kind: AccessToken['kind']): AccessToken {
  const issuedAt = deps.now().getTime();
  const token: AccessToken = {
    // WeChat's tokens are long opaque strings of [A-Za-z0-9_-].
    token: crypto.randomBytes(102).toString('base64url'),
    kind,
    issuedAt,
    expiresAt: issuedAt + deps.tokenTtlSeconds * 1000,
  };
  deps.state.accessTokens.set(token.token, token);
  deps.state.tokensIssued += 1;
  deps.state.tokensIssuedByKind[kind] += 1;
  return token;
}
