import Taro from '@tarojs/taro';
import type { ResponseOf } from '../services/api';
import { ApiError } from '../services/errors';
import { saveSession } from '../services/session';
import { send } from '../services/transport';

type LoginReply = ResponseOf<'/api/auth/login', 'post'>;

/**
 * A one-time code the BFF exchanges through code2Session: WeChat's, or on H5 the local sandbox's.
 * Chosen by the build constant so a weapp build carries no sandbox code (platform/sandbox.ts).
 */
const loginCode: () => Promise<string> = WECHAT_SANDBOX
  ? () => import('./sandbox').then((sandbox) => sandbox.loginCode())
  : wechatLoginCode;

/**
 * Signs in and stores the session. The login call bypasses the session layer of
 * services/http.ts (services/auth.ts calls this on launch and on 401), so it goes straight to the
 * transport.
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

async function wechatLoginCode(): Promise<string> {
  try {
    const { code } = await Taro.login();
    return code;
  } catch {
    throw new ApiError('WECHAT_LOGIN_FAILED', '微信登录失败，请稍后重试', 0);
  }
}
