import type Router from '@koa/router';
import type { RequestState, SandboxDeps } from '../context';
import { jsonObject } from '../http';
import { randomAlphanumeric } from '../ids';
import { checkAccessToken, mpError, mpFaults } from './common';

/** getPhoneNumber codes live five minutes and can be exchanged once. */
export const PHONE_CODE_TTL_MS = 5 * 60 * 1000;

/** Stands in for the user tapping "allow" on a getPhoneNumber button. */
export function issuePhoneCode(deps: SandboxDeps, openid: string, purePhoneNumber: string, countryCode = '86'): string {
  const code = randomAlphanumeric(64);
  deps.state.phoneCodes.set(code, {
    openid,
    purePhoneNumber,
    countryCode,
    expiresAt: deps.now().getTime() + PHONE_CODE_TTL_MS,
    used: false,
  });
  return code;
}

export function phoneRoutes(router: Router<RequestState>, deps: SandboxDeps): void {
  router.post('/wxa/business/getuserphonenumber', mpFaults(deps, 'phone'), (ctx) => {
    if (!checkAccessToken(deps, ctx)) return;
    const body = jsonObject(ctx.state.rawBody);
    if (!body) return mpError(ctx, 47001);
    const entry = typeof body.code === 'string' ? deps.state.phoneCodes.get(body.code) : undefined;
    if (!entry || entry.used || deps.now().getTime() >= entry.expiresAt) return mpError(ctx, 40029);
    entry.used = true;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        // Mainland numbers come without a prefix; others carry their country code [unverified format].
        phoneNumber: entry.countryCode === '86' ? entry.purePhoneNumber : `+${entry.countryCode}${entry.purePhoneNumber}`,
        purePhoneNumber: entry.purePhoneNumber,
        countryCode: entry.countryCode,
        watermark: { timestamp: Math.floor(deps.now().getTime() / 1000), appid: deps.creds.appid },
      },
    };
  });
}
