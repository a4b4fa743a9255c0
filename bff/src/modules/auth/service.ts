import type { AppDeps } from '../../deps';
import { mapWechatError } from '../../wechat/errors';
import { issueNewCustomerCoupons } from '../coupon';
import { getMemberView, upsertMemberByOpenid, type MemberView } from '../member';
import { createSession, endSession } from '../../http/sessions';

type Deps = Pick<AppDeps, 'db' | 'redis' | 'wechat' | 'config' | 'now' | 'logger'>;

/** wx.login code → WeChat identity → member (created on first login) → a fresh session. */
export async function login(deps: Deps, code: string): Promise<{ token: string; user: MemberView }> {
  const identity = await deps.wechat.code2Session(code).catch((err: unknown) => {
    const mapped = mapWechatError(err);
    if (mapped.status >= 500) deps.logger.error({ err }, 'code2Session failed');
    throw mapped;
  });
  const member = await upsertMemberByOpenid(deps.db, { openid: identity.openid, unionid: identity.unionid, now: deps.now() });
  if (member.created) await welcome(deps, member.id);
  const token = await createSession(deps.redis, member.id, deps.config.sessionTtlSeconds, deps.config.sessionKeyPrefix);
  return { token, user: await getMemberView(deps, member.id) };
}

/**
 * 新人券 on the first login. A failure here must not fail the login; the coupon is logged as
 * missed (support can issue it) rather than retried on later logins, which would hand it to
 * people who are no longer new.
 */
async function welcome(deps: Deps, memberId: number): Promise<void> {
  try {
    await issueNewCustomerCoupons(deps.db, memberId, deps.now());
  } catch (err) {
    deps.logger.error({ err, memberId }, 'new-customer coupons not issued');
  }
}

export async function logout(deps: Pick<Deps, 'redis' | 'config'>, token: string): Promise<void> {
  await endSession(deps.redis, token, deps.config.sessionKeyPrefix);
}
