import { generateCredentials, startSandbox, type PayMode, type SandboxCredentials } from '../../../scripts/src/wechat-sandbox';

export type TestSandbox = Awaited<ReturnType<typeof startSandbox>> & {
  credentials: SandboxCredentials;
  wechat: { apiBase: string; appid: string; appSecret: string; credentials: SandboxCredentials; payMode: PayMode };
  loginCode: (openid: string, unionid?: string) => Promise<string>;
  phoneCode: (openid: string, phone: string) => Promise<string>;
  fault: (fault: { api: string; kind: string; value?: number | string; times?: number }) => Promise<void>;
};

/** The WeChat sandbox on a free port, with fresh credentials, plus its test controls. */
export async function startTestSandbox(
  options: { tokenTtlSeconds?: number; payMode?: PayMode; refundSettleMs?: number } = {},
): Promise<TestSandbox> {
  const payMode = options.payMode ?? 'public_key';
  const credentials = await generateCredentials();
  const sandbox = await startSandbox({ credentials, port: 0, notifyTimeScale: 0.001, ...options, payMode });
  const control = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${sandbox.url}${path}`, init);
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };
  return {
    ...sandbox,
    credentials,
    wechat: { apiBase: sandbox.url, appid: credentials.appid, appSecret: credentials.appSecret, credentials, payMode },
    loginCode: async (openid, unionid) =>
      (await control<{ code: string }>(`/sandbox/login-code?${new URLSearchParams({ openid, ...(unionid ? { unionid } : {}) })}`)).code,
    phoneCode: async (openid, phone) =>
      (await control<{ code: string }>(`/sandbox/phone-code?${new URLSearchParams({ openid, phone })}`)).code,
    fault: async (fault) => {
      await control('/sandbox/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fault) });
    },
  };
}
