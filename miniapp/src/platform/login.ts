import Taro from '@tarojs/taro';
import { sandboxBase } from '../config';
import type { ResponseOf } from '../services/api';
import { ApiError } from '../services/errors';
import { getDemoOpenid, saveSession } from '../services/session';
import { send } from '../services/transport';

type LoginReply = ResponseOf<'/api/auth/login', 'post'>;

/**
 * Signs in and stores the session. The login call bypasses the session layer of
 * services/http.ts (which calls this on 401), so it goes straight to the transport.
 */
export async function login(): Promise<string> {
  const code = await loginCode();
  const reply = (await send({
    path: '/api/auth/login',
    method: 'POST',
    data: { code },
  })) as LoginReply;
  saveSession(reply.token, reply.user.id);
  return reply.token;
}

/** A one-time code the BFF exchanges through code2Session. */
async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const { code } = await Taro.login();
      return code;
    } catch {
      throw new ApiError('WECHAT_LOGIN_FAILED', '微信登录失败，请稍后重试', 0);
    }
  }
  // H5 runs only against the local WeChat sandbox (dev and tests), which mints the code
  // `wx.login` would have returned for a seeded demo account.
  const reply = (await send({
    base: sandboxBase,
    path: `/sandbox/login-code?openid=${encodeURIComponent(getDemoOpenid())}`,
    method: 'GET',
  })) as { code: string };
  return reply.code;
}
