/**
 * What the BFF needs from WeChat, as small ports. One production adapter implements them over
 * HTTP (mini-program.ts); in dev and tests the same adapter talks to the local sandbox.
 */
export type WechatSession = { openid: string; unionid?: string; sessionKey: string };
export type WechatPhone = { phoneNumber: string; purePhoneNumber: string; countryCode: string };

export interface WechatAuth {
  /** wx.login code → identity. Throws WechatApiError (40029 invalid/reused code, 45011, 40226, -1 …). */
  code2Session(code: string): Promise<WechatSession>;
  /** getPhoneNumber button code → the bound phone number. */
  getPhoneNumber(code: string): Promise<WechatPhone>;
}

export type SubscribeMessage = {
  toOpenid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
};

export interface WechatMessages {
  /** Throws WechatApiError 43101 when the user holds no subscription for the template. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
}

export interface WechatCodes {
  /** Mini-program code (PNG) that opens `page` with `scene` (≤ 32 chars). */
  getUnlimitedQrCode(input: { scene: string; page: string; width?: number; checkPath?: boolean }): Promise<Buffer>;
  generateUrlLink(input: { path: string; query: string; expireDays: number }): Promise<string>;
}

export type WechatMiniProgram = WechatAuth & WechatMessages & WechatCodes;

/** An error WeChat answered with (`{errcode, errmsg}`); callers map codes to user-facing errors. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`${api}: ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}
