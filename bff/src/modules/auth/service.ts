import type { AppDeps } from '../../deps';
import { mapWechatError } from '../../wechat/errors';
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
  const token = await createSession(deps.redis, member.id, deps.config.sessionTtlSeconds);
  return { token, user: await getMemberView(deps, member.id) };
}

export async function logout(deps: Pick<Deps, 'redis'>, token: string): Promise<void> {
  await endSession(deps.redis, token);
}
