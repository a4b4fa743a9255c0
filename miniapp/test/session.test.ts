import { fake, requests, resetTaro, storage, taro } from './support/taro';

jest.mock('@tarojs/taro', () => jest.requireActual('./support/taro').taroModule);

type Modules = { auth: typeof import('../src/services/auth'); http: typeof import('../src/services/http') };

/** The session layer loaded fresh, as on a cold start of the weapp build. */
function launch(): Modules {
  process.env.TARO_ENV = 'weapp';
  let modules!: Modules;
  jest.isolateModules(() => {
    modules = { auth: jest.requireActual('../src/services/auth'), http: jest.requireActual('../src/services/http') };
  });
  return modules;
}

type Call = { url: string; header?: Record<string, string>; data?: unknown };
let logins = 0;
let releaseLogin: (() => void) | null = null;

/**
 * The BFF: /api/auth/login swaps a wx.login code for token-N (held until `releaseLogin` when
 * `holdLogin`), /api/me wants a live token, /api/catalog is public. `dead` tokens answer 401.
 */
function bff({ holdLogin = false, loginFails = false, dead = [] as string[] } = {}) {
  fake.respond = async (call: Call) => {
    const path = call.url.replace('http://bff.test', '');
    if (path === '/api/auth/login') {
      logins += 1;
      if (holdLogin) await new Promise<void>((go) => (releaseLogin = go));
      if (loginFails) return { statusCode: 503, data: { code: 'UNAVAILABLE', message: '服务开小差了，请稍后重试' } };
      return { statusCode: 200, data: { token: `token-${logins}`, user: { id: 7 } } };
    }
    const token = call.header?.Authorization?.replace('Bearer ', '');
    if (path === '/api/catalog') return { statusCode: 200, data: { ok: true } };
    if (!token || dead.includes(token)) return { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    return { statusCode: 200, data: { token } };
  };
}
const calls = (path: string) => (requests as Call[]).filter((r) => r.url.endsWith(path));

beforeEach(() => {
  resetTaro();
  logins = 0;
  releaseLogin = null;
});

test('a cold start signs in once with wx.login, and requests made meanwhile wait and carry the session (no 401)', async () => {
  bff({ holdLogin: true });
  const { auth, http } = launch();
  auth.startSession();
  expect(auth.isSignedIn()).toBe(true); // the pages show their loading state, not 登录

  const pending = [http.request('/api/me'), http.request('/api/me'), http.request('/api/catalog')];
  await new Promise((tick) => setTimeout(tick, 10));
  expect(calls('/api/me')).toHaveLength(0); // nothing went out without the session
  releaseLogin!();

  expect(await Promise.all(pending)).toEqual([{ token: 'token-1' }, { token: 'token-1' }, { ok: true }]);
  expect(taro.login).toHaveBeenCalledTimes(1);
  expect(logins).toBe(1);
  expect(calls('/api/me').every((r) => r.header?.Authorization === 'Bearer token-1')).toBe(true);
  expect(storage.get('auth.token')).toBe('token-1');
});

test('a stored session is used as it is: no login on launch', async () => {
  storage.set('auth.token', 'token-9');
  bff();
  const { auth, http } = launch();
  auth.startSession();
  expect(await http.request('/api/me')).toEqual({ token: 'token-9' });
  expect(taro.login).not.toHaveBeenCalled();
});

test('several calls answered 401 on an expired session share one new login and are each replayed once', async () => {
  storage.set('auth.token', 'expired');
  bff({ dead: ['expired'] });
  const { http } = launch();
  const answers = await Promise.all([http.request('/api/me'), http.request('/api/me'), http.request('/api/me')]);
  expect(answers).toEqual([{ token: 'token-1' }, { token: 'token-1' }, { token: 'token-1' }]);
  expect(logins).toBe(1);
});

test('a failed launch login leaves the customer signed out, public pages still load, and a later call signs in', async () => {
  bff({ loginFails: true });
  const { auth, http } = launch();
  auth.startSession();
  expect(await http.request('/api/catalog')).toEqual({ ok: true });
  expect(auth.isSignedIn()).toBe(false);

  bff();
  expect(await http.request('/api/me')).toEqual({ token: 'token-2' });
  expect(auth.isSignedIn()).toBe(true);
});
