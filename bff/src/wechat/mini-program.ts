import type { Redis } from '../redis';
import { AccessTokenProvider } from './access-token';
import { WechatApiError, type WechatMiniProgram, type WechatPhone, type WechatSession, type SubscribeMessage } from './ports';

export type MiniProgramConfig = { apiBase: string; appid: string; appSecret: string; timeoutMs?: number };

type WechatReply = { errcode?: number; errmsg?: string };
/** WeChat rejected the token itself: refresh once and retry. */
const TOKEN_ERRORS = new Set([40001, 42001, 40014]);

/**
 * The production adapter for the mini-program server APIs (api.weixin.qq.com). The base URL is
 * the only thing that differs in dev and tests, where it points at the local WeChat sandbox.
 */
export function createMiniProgramApi(config: MiniProgramConfig, redis: Redis): WechatMiniProgram {
  const timeoutMs = config.timeoutMs ?? 5_000;
  const url = (path: string, query: Record<string, string>) => `${config.apiBase}${path}?${new URLSearchParams(query)}`;

  async function call<T extends WechatReply>(api: string, input: string, init?: RequestInit): Promise<T> {
    const response = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new WechatApiError(-1, `http ${response.status}`, api);
    const body = (await response.json()) as T;
    if (body.errcode) throw new WechatApiError(body.errcode, body.errmsg ?? '', api);
    return body;
  }

  const tokens = new AccessTokenProvider(redis, config.appid, async () => {
    const body = await call<WechatReply & { access_token: string; expires_in: number }>(
      'stable_token',
      `${config.apiBase}/cgi-bin/stable_token`,
      jsonInit({ grant_type: 'client_credential', appid: config.appid, secret: config.appSecret }),
    );
    return { token: body.access_token, expiresInSeconds: body.expires_in };
  });

  /** Calls an access_token API; a token WeChat no longer accepts is refreshed once. */
  async function withToken<T>(send: (token: string) => Promise<T>): Promise<T> {
    const token = await tokens.get();
    try {
      return await send(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      await tokens.invalidate(token);
      return send(await tokens.get());
    }
  }

  return {
    async code2Session(code: string): Promise<WechatSession> {
      const body = await call<WechatReply & { openid: string; unionid?: string; session_key: string }>(
        'jscode2session',
        url('/sns/jscode2session', {
          appid: config.appid,
          secret: config.appSecret,
          js_code: code,
          grant_type: 'authorization_code',
        }),
      );
      return { openid: body.openid, unionid: body.unionid, sessionKey: body.session_key };
    },

    async getPhoneNumber(code: string): Promise<WechatPhone> {
      const body = await withToken((token) =>
        call<WechatReply & { phone_info: WechatPhone }>(
          'getuserphonenumber',
          url('/wxa/business/getuserphonenumber', { access_token: token }),
          jsonInit({ code }),
        ),
      );
      const { phoneNumber, purePhoneNumber, countryCode } = body.phone_info;
      return { phoneNumber, purePhoneNumber, countryCode };
    },

    async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
      await withToken((token) =>
        call(
          'subscribe_send',
          url('/cgi-bin/message/subscribe/send', { access_token: token }),
          jsonInit({
            touser: message.toOpenid,
            template_id: message.templateId,
            page: message.page,
            data: message.data,
            miniprogram_state: 'formal',
            lang: 'zh_CN',
          }),
        ),
      );
    },

    async getUnlimitedQrCode(input): Promise<Buffer> {
      return withToken(async (token) => {
        const response = await fetch(url('/wxa/getwxacodeunlimit', { access_token: token }), {
          ...jsonInit({ scene: input.scene, page: input.page, check_path: input.checkPath ?? false, width: input.width ?? 430 }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        // Success is the image itself; errors come back as JSON.
        if (response.headers.get('content-type')?.includes('json')) {
          const body = (await response.json()) as WechatReply;
          throw new WechatApiError(body.errcode ?? -1, body.errmsg ?? '', 'getwxacodeunlimit');
        }
        if (!response.ok) throw new WechatApiError(-1, `http ${response.status}`, 'getwxacodeunlimit');
        return Buffer.from(await response.arrayBuffer());
      });
    },

    async generateUrlLink(input): Promise<string> {
      const body = await withToken((token) =>
        call<WechatReply & { url_link: string }>(
          'generate_urllink',
          url('/wxa/generate_urllink', { access_token: token }),
          jsonInit({ path: input.path, query: input.query, expire_type: 1, expire_interval: input.expireDays }),
        ),
      );
      return body.url_link;
    },
  };
}

function jsonInit(body: unknown): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
