import { startSandbox } from '../../src/wechat-sandbox/app';
import { generateCredentials, type SandboxCredentials } from '../../src/wechat-sandbox/credentials';
import type { SandboxState } from '../../src/wechat-sandbox/state';
import { getJson, postJson, request } from './support';

/** The mini-program server APIs (api.weixin.qq.com) over real HTTP. */

let creds: SandboxCredentials;
let base: string;
let state: SandboxState;
let close: () => Promise<void>;

beforeAll(async () => {
  creds = await generateCredentials();
  const sandbox = await startSandbox({ credentials: creds, payMode: 'public_key', tokenTtlSeconds: 7200 });
  ({ url: base, state, close } = sandbox);
});
afterAll(() => close());
afterEach(() => request(`${base}/sandbox/faults`, { method: 'DELETE' }));

async function loginCode(openid: string, unionid?: string): Promise<string> {
  const query = new URLSearchParams({ openid, ...(unionid ? { unionid } : {}) });
  return (await getJson(`${base}/sandbox/login-code?${query}`)).code;
}

function code2Session(code: string, overrides: Record<string, string> = {}) {
  const query = new URLSearchParams({
    appid: creds.appid,
    secret: creds.appSecret,
    js_code: code,
    grant_type: 'authorization_code',
    ...overrides,
  });
  return getJson(`${base}/sns/jscode2session?${query}`);
}

async function accessToken(): Promise<string> {
  const res = await postJson(`${base}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid: creds.appid,
    secret: creds.appSecret,
  });
  return res.json.access_token;
}

async function advanceClock(seconds: number) {
  await postJson(`${base}/sandbox/clock`, { advanceSeconds: seconds });
}

describe('code2Session', () => {
  it('exchanges a login code once and answers 40029 on reuse or for unknown codes', async () => {
    const code = await loginCode('demo-customer-1', 'union-1');
    const first = await code2Session(code);
    expect(first).toEqual({ openid: 'demo-customer-1', unionid: 'union-1', session_key: expect.any(String) });
    expect(Buffer.from(first.session_key, 'base64')).toHaveLength(16);

    expect((await code2Session(code)).errcode).toBe(40029);
    expect((await code2Session('no-such-code')).errcode).toBe(40029);
  });

  it('omits unionid when the user has none', async () => {
    const session = await code2Session(await loginCode('demo-customer-2'));
    expect(session.openid).toBe('demo-customer-2');
    expect(session).not.toHaveProperty('unionid');
  });

  it('checks appid, secret and grant_type before the code (and does not burn the code)', async () => {
    const code = await loginCode('demo-customer-3');
    expect((await code2Session(code, { appid: 'wx0000000000000000' })).errcode).toBe(40013);
    expect((await code2Session(code, { secret: 'wrong' })).errcode).toBe(40125);
    expect((await code2Session(code, { grant_type: 'client_credential' })).errcode).toBe(40002);
    expect((await code2Session(code)).openid).toBe('demo-customer-3');
  });

  it('rejects codes older than five minutes', async () => {
    const code = await loginCode('demo-customer-4');
    await advanceClock(301);
    try {
      expect((await code2Session(code)).errcode).toBe(40029);
    } finally {
      await advanceClock(-301);
    }
  });

  it('answers injected errcodes N times, then normally again', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'jscode2session', kind: 'errcode', value: 45011, times: 2 });
    const code = await loginCode('demo-customer-5');
    expect((await code2Session(code)).errcode).toBe(45011);
    expect((await code2Session(code)).errcode).toBe(45011);
    expect((await code2Session(code)).openid).toBe('demo-customer-5');
  });

  it('can inject risky-user and busy errors, and clear faults', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'jscode2session', kind: 'errcode', value: 40226, times: 5 });
    const code = await loginCode('demo-customer-1');
    expect((await code2Session(code)).errcode).toBe(40226);
    await request(`${base}/sandbox/faults`, { method: 'DELETE' });
    expect((await code2Session(code)).openid).toBe('demo-customer-1');
  });
});

describe('access tokens', () => {
  it('cgi-bin/token issues a token per call; the replaced one lapses after the 5-minute grace', async () => {
    const url = `${base}/cgi-bin/token?grant_type=client_credential&appid=${creds.appid}&secret=${creds.appSecret}`;
    const before = state.tokensIssued;
    const first = await getJson(url);
    expect(first).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{100,}$/), expires_in: 7200 });
    const second = await getJson(url);
    expect(second.access_token).not.toBe(first.access_token);
    expect(state.tokensIssued - before).toBe(2);
    expect(state.tokensIssuedByKind.token).toBeGreaterThanOrEqual(2);

    const send = (token: string) =>
      postJson(`${base}/wxa/generate_urllink?access_token=${token}`, { path: 'pages/index/index' }).then((r) => r.json);
    expect((await send(first.access_token)).errcode).toBe(0);
    await advanceClock(301);
    try {
      expect((await send(first.access_token)).errcode).toBe(40001);
      expect((await send(second.access_token)).errcode).toBe(0);
    } finally {
      await advanceClock(-301);
    }
  });

  it('rejects a bad appid or secret', async () => {
    expect((await getJson(`${base}/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=${creds.appSecret}`)).errcode).toBe(40013);
    expect((await getJson(`${base}/cgi-bin/token?grant_type=client_credential&appid=${creds.appid}&secret=nope`)).errcode).toBe(40125);
    const stable = await postJson(`${base}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: creds.appid, secret: 'nope' });
    expect(stable.json.errcode).toBe(40125);
  });

  it('stable_token returns the same token until it expires, a new one on force_refresh', async () => {
    const body = { grant_type: 'client_credential', appid: creds.appid, secret: creds.appSecret };
    const first = (await postJson(`${base}/cgi-bin/stable_token`, body)).json;
    const issued = state.tokensIssued;
    const again = (await postJson(`${base}/cgi-bin/stable_token`, body)).json;
    expect(again.access_token).toBe(first.access_token);
    expect(again.expires_in).toBeLessThanOrEqual(first.expires_in);
    expect(state.tokensIssued).toBe(issued); // no stampede: nothing new was issued

    const forced = (await postJson(`${base}/cgi-bin/stable_token`, { ...body, force_refresh: true })).json;
    expect(forced.access_token).not.toBe(first.access_token);
    expect(state.tokensIssued).toBe(issued + 1);
    const stale = await postJson(`${base}/wxa/generate_urllink?access_token=${first.access_token}`, {});
    expect(stale.json.errcode).toBe(40001);
  });

  it('answers 42001 for an expired token, 40001 for an unknown one, 41001 for none', async () => {
    const token = await accessToken();
    const call = (t?: string) =>
      postJson(`${base}/wxa/generate_urllink${t === undefined ? '' : `?access_token=${t}`}`, {}).then((r) => r.json);
    expect((await call(token)).errcode).toBe(0);
    expect((await call('not-a-token')).errcode).toBe(40001);
    expect((await call()).errcode).toBe(41001);
    await advanceClock(7200);
    try {
      expect((await call(token)).errcode).toBe(42001);
      const fresh = await accessToken();
      expect(fresh).not.toBe(token);
      expect((await call(fresh)).errcode).toBe(0);
    } finally {
      await advanceClock(-7200);
    }
  });

  it('counts issued tokens over HTTP too', async () => {
    const stats = await getJson(`${base}/sandbox/tokens`);
    expect(stats.issued).toBe(state.tokensIssued);
  });
});

describe('getuserphonenumber', () => {
  it('returns phone_info for a code once, 40029 afterwards', async () => {
    const token = await accessToken();
    const { code } = await getJson(`${base}/sandbox/phone-code?openid=demo-customer-1&phone=13800138000`);
    const url = `${base}/wxa/business/getuserphonenumber?access_token=${token}`;
    const first = (await postJson(url, { code })).json;
    expect(first).toEqual({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: expect.any(Number), appid: creds.appid },
      },
    });
    expect((await postJson(url, { code })).json.errcode).toBe(40029);
    expect((await postJson(url, { code: 'bogus' })).json.errcode).toBe(40029);
  });

  it('expires codes after five minutes and checks the token', async () => {
    const token = await accessToken();
    const { code } = await getJson(`${base}/sandbox/phone-code?openid=demo-customer-1&phone=13800138001`);
    expect((await postJson(`${base}/wxa/business/getuserphonenumber?access_token=bad`, { code })).json.errcode).toBe(40001);
    await advanceClock(300);
    try {
      expect((await postJson(`${base}/wxa/business/getuserphonenumber?access_token=${token}`, { code })).json.errcode).toBe(40029);
    } finally {
      await advanceClock(-300);
    }
  });
});

describe('subscribe messages', () => {
  const message = (touser: string) => ({
    touser,
    template_id: 'TPL_ORDER_SHIPPED',
    page: 'pages/order/detail?id=1',
    data: { thing1: { value: '鲜橙 2 斤' }, amount2: { value: '¥12.50' }, character_string3: { value: 'SO202405200001' } },
    miniprogram_state: 'formal',
    lang: 'zh_CN',
  });

  it('answers 43101 without a subscription, sends with one and consumes it', async () => {
    const token = await accessToken();
    const url = `${base}/cgi-bin/message/subscribe/send?access_token=${token}`;
    expect((await postJson(url, message('demo-customer-2'))).json.errcode).toBe(43101);

    const sub = await postJson(`${base}/sandbox/subscriptions`, { openid: 'demo-customer-2', templateId: 'TPL_ORDER_SHIPPED' });
    expect(sub.json.remaining).toBe(1);
    const sent = (await postJson(url, message('demo-customer-2'))).json;
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    expect((await postJson(url, message('demo-customer-2'))).json.errcode).toBe(43101);

    const inbox = await getJson(`${base}/sandbox/messages?touser=demo-customer-2`);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ msgid: sent.msgid, template_id: 'TPL_ORDER_SHIPPED', data: { thing1: { value: '鲜橙 2 斤' } } });
  });

  it('validates the openid, template and keyword values', async () => {
    const token = await accessToken();
    const url = `${base}/cgi-bin/message/subscribe/send?access_token=${token}`;
    await postJson(`${base}/sandbox/subscriptions`, { openid: 'demo-customer-3', templateId: 'TPL_ORDER_SHIPPED', count: 3 });
    expect((await postJson(url, { ...message('bad openid!') })).json.errcode).toBe(40003);
    expect((await postJson(url, { ...message('demo-customer-3'), template_id: '' })).json.errcode).toBe(40037);
    const tooLong = { ...message('demo-customer-3'), data: { thing1: { value: '这是一个超过二十个字符的很长很长很长的商品名称啊' } } };
    const res = (await postJson(url, tooLong)).json;
    expect(res.errcode).toBe(47003);
    expect(res.errmsg).toContain('thing1');
    // Rejected sends do not consume the subscription.
    expect((await postJson(url, message('demo-customer-3'))).json.errcode).toBe(0);
  });
});

describe('getwxacodeunlimit', () => {
  it('returns a real PNG', async () => {
    const token = await accessToken();
    const res = await request(`${base}/wxa/getwxacodeunlimit?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ scene: 'g=42&f=u7', page: 'pages/group/detail', check_path: false, env_version: 'develop', width: 430 }),
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(res.body.length).toBeGreaterThan(200);
  });

  it('answers 40169 for a 33-character or badly formed scene, 41030 for a page with a leading slash', async () => {
    const token = await accessToken();
    const call = (body: object) => postJson(`${base}/wxa/getwxacodeunlimit?access_token=${token}`, body).then((r) => r);
    const long = await call({ scene: 'a'.repeat(33), page: 'pages/index/index' });
    expect(long.headers['content-type']).toContain('application/json');
    expect(long.json.errcode).toBe(40169);
    expect((await call({ scene: 'a'.repeat(32), page: 'pages/index/index' })).headers['content-type']).toBe('image/png');
    expect((await call({ scene: '中文', page: 'pages/index/index' })).json.errcode).toBe(40169);
    expect((await call({ scene: 'id=1', page: '/pages/index/index' })).json.errcode).toBe(41030);
  });

  it('answers injected errcodes as JSON', async () => {
    const token = await accessToken();
    await postJson(`${base}/sandbox/faults`, { api: 'wxacode', kind: 'errcode', value: 45009 });
    const res = await postJson(`${base}/wxa/getwxacodeunlimit?access_token=${token}`, { scene: 'x=1' });
    expect(res.json.errcode).toBe(45009);
  });
});

describe('generate_urllink / generatescheme', () => {
  it('returns a wxaurl.cn link and refuses expiry beyond 30 days', async () => {
    const token = await accessToken();
    const url = `${base}/wxa/generate_urllink?access_token=${token}`;
    const ok = (await postJson(url, { path: 'pages/group/detail', query: 'id=9', expire_type: 1, expire_interval: 30 })).json;
    expect(ok).toEqual({ errcode: 0, errmsg: 'ok', url_link: expect.stringMatching(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]+$/) });
    expect((await postJson(url, { path: 'pages/group/detail', expire_type: 1, expire_interval: 31 })).json.errcode).toBe(40097);

    const scheme = (
      await postJson(`${base}/wxa/generatescheme?access_token=${token}`, { jump_wxa: { path: 'pages/index/index', query: '' } })
    ).json;
    expect(scheme.openlink).toMatch(/^weixin:\/\/dl\/business\/\?t=/);
  });
});

describe('fault injection for tokens', () => {
  it('http_error answers a non-JSON gateway error', async () => {
    await postJson(`${base}/sandbox/faults`, { api: 'token', kind: 'http_error', value: 502 });
    const res = await request(`${base}/cgi-bin/token?grant_type=client_credential&appid=${creds.appid}&secret=${creds.appSecret}`);
    expect(res.status).toBe(502);
    const next = await getJson(`${base}/cgi-bin/token?grant_type=client_credential&appid=${creds.appid}&secret=${creds.appSecret}`);
    expect(next.access_token).toBeDefined();
  });

  it('rejects malformed faults', async () => {
    expect((await postJson(`${base}/sandbox/faults`, { api: 'nope', kind: 'errcode', value: 1 })).status).toBe(400);
    expect((await postJson(`${base}/sandbox/faults`, { api: 'token', kind: 'duplicate' })).status).toBe(400);
  });
});
