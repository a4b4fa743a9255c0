import { eq } from 'drizzle-orm';
import { members } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { sessionKey } from '../../src/http/sessions';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('POST /api/auth/login through the WeChat sandbox', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'login', wechat: sandbox.wechat });
    await seedDemo(deps.db);
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const login = async (openid: string, unionid?: string) =>
    request(server)
      .post('/api/auth/login')
      .send({ code: await sandbox.loginCode(openid, unionid) });

  it('creates the member on first login, keeps the unionid, and returns a working session', async () => {
    const res = await login('o-new-customer', 'u-union-1');
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({ nickname: '微信用户', tier: { code: 'normal', name: '普通会员' }, points: 0, staff: null });
    const [row] = await deps.db.select().from(members).where(eq(members.openid, 'o-new-customer'));
    expect(row.unionid).toBe('u-union-1');

    const me = await request(server).get('/api/me').set('Authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(row.id);
  });

  it('logs the same member in again without creating a second row', async () => {
    const first = await login('o-returning');
    const second = await login('o-returning');
    expect(second.body.user.id).toBe(first.body.user.id);
    expect(second.body.token).not.toBe(first.body.token);
    const rows = await deps.db.select().from(members).where(eq(members.openid, 'o-returning'));
    expect(rows).toHaveLength(1);
  });

  it('says who is staff, and for which store', async () => {
    const res = await login('demo-manager-2');
    expect(res.body.user.staff).toMatchObject({ role: 'manager', storeId: expect.any(Number), storeName: expect.any(String) });
    const admin = await login('demo-admin');
    expect(admin.body.user.staff).toMatchObject({ role: 'admin', storeId: null });
  });

  it('refuses a reused code with 401 and a Chinese message', async () => {
    const code = await sandbox.loginCode('o-reuse');
    expect((await request(server).post('/api/auth/login').send({ code })).status).toBe(200);
    const again = await request(server).post('/api/auth/login').send({ code });
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'INVALID_LOGIN_CODE', message: '登录已失效，请重新登录' });
  });

  it.each([
    [40029, 401, 'INVALID_LOGIN_CODE'],
    [45011, 429, 'RATE_LIMITED'],
    [40226, 403, 'WECHAT_RISKY_USER'],
    [-1, 503, 'WECHAT_BUSY'],
    [40125, 503, 'WECHAT_UNAVAILABLE'],
    [99999, 503, 'WECHAT_UNAVAILABLE'],
  ])('maps WeChat errcode %i to %i %s without leaking WeChat’s text', async (errcode, status, code) => {
    await sandbox.fault({ api: 'jscode2session', kind: 'errcode', value: errcode, times: 1 });
    const res = await login('o-fault');
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(res.text).not.toMatch(/errcode|errmsg|rid:|invalid code|appsecret/i);
  });

  it('answers 503 when WeChat cannot be reached, creating nothing', async () => {
    const offline = await createTestDeps({ label: 'login_offline' });
    try {
      const res = await request(buildApp(offline).callback()).post('/api/auth/login').send({ code: 'any-code' });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'WECHAT_UNAVAILABLE', message: '微信服务暂不可用，请稍后再试' });
      expect(await offline.db.select().from(members)).toHaveLength(0);
    } finally {
      await offline.close();
    }
  });

  it.each([[{}], [{ code: '' }], [{ code: 42 }]])('validates the body %p', async (body) => {
    const res = await request(server).post('/api/auth/login').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('logout ends the session; unknown and malformed tokens are 401', async () => {
    const { token } = (await login('o-logout')).body;
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(server).post('/api/auth/logout').set(auth)).status).toBe(204);
    const after = await request(server).get('/api/me').set(auth);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect((await request(server).get('/api/me').set('Authorization', 'Bearer x'.padEnd(50, 'y'))).status).toBe(401);
    expect((await request(server).get('/api/me')).status).toBe(401);
  });

  it('slides the session: each request renews its 7-day lifetime', async () => {
    const { token } = (await login('o-sliding')).body;
    const key = sessionKey(token, deps.config.sessionKeyPrefix);
    await deps.redis.expire(key, 3600);
    await request(server).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect(await deps.redis.ttl(key)).toBeGreaterThan(7 * 24 * 3600 - 10);
  });
});
