import type { Middleware } from 'koa';
import type { RequestState, SandboxContext, SandboxDeps } from '../context';
import type { MiniProgramApi } from '../faults';
import { rid } from '../ids';

/**
 * Shared pieces of the mini-program server APIs (api.weixin.qq.com): errors are HTTP 200 with
 * `{errcode, errmsg}`, and errmsg ends in `, rid: …` as WeChat's do. Clients must branch on
 * errcode, never on errmsg.
 */

export const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  40165: 'invalid weapp pagepath',
  40169: 'invalid length for scene, or the data is not json string',
  40212: 'invalid query', // [unverified] the errcode for an over-long url link query
  40226: 'invalid risk user', // [unverified] errmsg; 40226 is the documented "high-risk user" code2Session error
  41001: 'access_token missing',
  41008: 'missing code',
  41030: 'invalid page',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
};

export function mpError(ctx: SandboxContext, errcode: number, detail?: string): void {
  const base = ERRMSG[errcode] ?? 'sandbox injected error';
  ctx.status = 200;
  ctx.body = { errcode, errmsg: `${detail ? `${base} ${detail}` : base}, rid: ${rid()}` };
}

/**
 * Applies injected faults for one API before its handler runs: a delay, a gateway-level HTTP
 * error (not JSON, as a real gateway failure would not be), or an errcode answer.
 */
export function mpFaults(deps: SandboxDeps, api: MiniProgramApi): Middleware<RequestState> {
  return async (ctx, next) => {
    const delay = deps.faults.take(api, 'delay');
    if (delay) await deps.scheduler.sleep(Number(delay.value));
    const httpError = deps.faults.take(api, 'http_error');
    if (httpError) {
      ctx.status = typeof httpError.value === 'number' ? httpError.value : 502;
      ctx.type = 'text/html';
      ctx.body = `<html><body><h1>${ctx.status}</h1>sandbox injected gateway error</body></html>`;
      return;
    }
    const errcode = deps.faults.take(api, 'errcode');
    if (errcode) return mpError(ctx, Number(errcode.value));
    await next();
  };
}

/** Grace during which a replaced cgi-bin/token token still works (WeChat documents 5 minutes). */
export const REPLACED_TOKEN_GRACE_MS = 5 * 60 * 1000;

/**
 * Checks `?access_token=`. Answers the error itself and returns false when the token is missing
 * (41001), unknown or replaced (40001) or expired (42001).
 */
export function checkAccessToken(deps: SandboxDeps, ctx: SandboxContext): boolean {
  const token = typeof ctx.query.access_token === 'string' ? ctx.query.access_token : '';
  if (!token) {
    mpError(ctx, 41001);
    return false;
  }
  const record = deps.state.accessTokens.get(token);
  const now = deps.now().getTime();
  if (!record || record.revoked) {
    mpError(ctx, 40001);
    return false;
  }
  if (now >= record.expiresAt) {
    mpError(ctx, 42001);
    return false;
  }
  if (record.replacedAt !== undefined && now >= record.replacedAt + REPLACED_TOKEN_GRACE_MS) {
    mpError(ctx, 40001);
    return false;
  }
  return true;
}

/** The usual appid/secret checks shared by code2Session and both token endpoints. */
export function checkAppCredentials(deps: SandboxDeps, ctx: SandboxContext, appid: unknown, secret: unknown): boolean {
  if (appid !== deps.creds.appid) {
    mpError(ctx, 40013);
    return false;
  }
  if (secret !== deps.creds.appSecret) {
    mpError(ctx, 40125);
    return false;
  }
  return true;
}

/** Openids are opaque; the sandbox accepts the seed's readable ones (`demo-customer-1`) too. */
export const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
