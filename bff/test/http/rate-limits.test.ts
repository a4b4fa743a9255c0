/**
 * Request limits (http/rate-limit.ts, docs/domain.md#request-limits) through the real app, with
 * low limits set in config: 429 RATE_LIMITED with Retry-After, per IP, per member and per device,
 * and a refused login never reaches WeChat (the sandbox counts code2Session calls).
 */
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { credentialsEnv } from '../../../scripts/src/wechat-sandbox';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

const WINDOW_SECONDS = 60;

describe('request limits', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({
      label: 'rate_limits',
      wechat: sandbox.wechat,
      env: {
        RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
        RATE_LIMIT_LOGIN_PER_IP: '12',
        RATE_LIMIT_LOGIN_PER_DEVICE: '3',
        RATE_LIMIT_ORDER_PER_USER: '2',
        RATE_LIMIT_COUPON_CLAIM_PER_USER: '2',
        RATE_LIMIT_COUPON_CLAIM_PER_IP: '4',
        RATE_LIMIT_COUPON_SCAN_PER_USER: '2',
        RATE_LIMIT_PICKUP_VERIFY_PER_USER: '2',
      },
    });
    await seedDemo(deps.db, new Date());
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  const login = (code: string, device: string) => request(server).post('/api/auth/login').set('User-Agent', device).send({ code });
  const calls = () => sandbox.state.code2SessionCalls;

  function expectLimited(res: request.Response): void {
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  }

  // The login budget of this file's IP (12) is spent in this order: 4 + 6 + 1 + 1 = 12, then refused.
  const signIns: Record<string, { Authorization: string }> = {};
  async function signIn(openid: string) {
    const res = await login(await sandbox.loginCode(openid), `device-of-${openid}`);
    expect(res.status).toBe(200);
    signIns[openid] = { Authorization: `Bearer ${res.body.token}` };
    return signIns[openid];
  }

  it('refuses a fourth login from one device in the window with 429 and Retry-After, before asking WeChat', async () => {
    const before = calls();
    for (let i = 0; i < 3; i++) expect((await login(`wrong-code-${i}`, 'iPhone 15 MicroMessenger/8.0.50')).status).toBe(401);
    expect(calls() - before).toBe(3);
    // Even a good code: it is not spent, and WeChat is not called.
    const good = await sandbox.loginCode('rate-limited-phone');
    expectLimited(await login(good, 'iPhone 15 MicroMessenger/8.0.50'));
    expect(calls() - before).toBe(3);
  });

  it('lets other phones on the same IP log in until the IP budget is spent, then refuses every device', async () => {
    const before = calls();
    for (let i = 0; i < 6; i++) expect((await login(`wrong-code-b${i}`, `Android ${i % 3}`)).status).toBe(401);
    await signIn('rate-customer-a');
    await signIn('demo-manager-1');
    expect(calls() - before).toBe(8);
    for (let i = 0; i < 5; i++) expectLimited(await login(`wrong-code-c${i}`, `a new phone ${i}`));
    expect(calls() - before).toBe(8);
  });

  it('limits order creation per member: the third order attempt in the window is 429, another member still orders', async () => {
    const customer = signIns['rate-customer-a']!;
    const order = (auth: { Authorization: string }, key: string) =>
      request(server)
        .post('/api/orders')
        .set(auth)
        .set('Idempotency-Key', key)
        .send({ items: [{ skuId: 999_999, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } });
    for (const key of ['rate-order-0001', 'rate-order-0002']) expect((await order(customer, key)).status).not.toBe(429);
    expectLimited(await order(customer, 'rate-order-0003'));
    // The manager is a member too, with a budget of their own.
    expect((await order(signIns['demo-manager-1']!, 'rate-order-0004')).status).not.toBe(429);
  });

  it('limits coupon claims per member and per IP, with 分享领券 claims counting in the same budget', async () => {
    const customer = signIns['rate-customer-a']!;
    const manager = signIns['demo-manager-1']!;
    const claim = (auth: { Authorization: string }) => request(server).post('/api/coupons/claim').set(auth).send({ templateId: 999_999 });
    expect((await claim(customer)).status).toBe(404);
    expect((await request(server).post('/api/coupon-shares/999999/claim').set(customer).send({})).status).not.toBe(429);
    expectLimited(await claim(customer));
    // The IP has had 3 claims (4 allowed): the manager's first is the IP's last, and their second
    // is refused although it is within their own budget of 2.
    expect((await claim(manager)).status).toBe(404);
    expectLimited(await claim(manager));
  });

  it('limits 扫码领券 scans per member', async () => {
    const customer = signIns['rate-customer-a']!;
    const scan = () => request(server).post('/api/coupons/scan').set(customer).send({ token: 'not-a-token' });
    expect((await scan()).status).not.toBe(429);
    expect((await scan()).status).not.toBe(429);
    expectLimited(await scan());
  });

  it('limits pickup verification per staff member', async () => {
    const manager = signIns['demo-manager-1']!;
    const verify = () => request(server).post('/api/staff/pickups/verify').set(manager).send({ code: '00000000' });
    expect((await verify()).status).toBe(404);
    expect((await verify()).status).toBe(404);
    expectLimited(await verify());
  });

  it('documents the 429 and its Retry-After on each limited route', async () => {
    const doc = (await request(server).get('/api/openapi.json')).body;
    for (const path of [
      '/api/auth/login',
      '/api/orders',
      '/api/coupons/claim',
      '/api/coupon-shares/{id}/claim',
      '/api/coupons/scan',
      '/api/staff/pickups/verify',
    ]) {
      expect(doc.paths[path].post.responses['429']).toMatchObject({ headers: { 'Retry-After': expect.any(Object) } });
    }
    expect(doc.paths['/api/cart/items'].post.responses['429']).toBeUndefined();
  });

  it('protects by default outside tests, and a test may set its own limits', () => {
    const env = {
      ...credentialsEnv(sandbox.credentials, 'public_key'),
      DATABASE_URL: 'mysql://root@127.0.0.1/x',
      REDIS_URL: 'redis://127.0.0.1',
      WECHAT_APPID: 'wx-test',
      WECHAT_APP_SECRET: 'secret',
      MEMBER_CODE_SECRET: 'm'.repeat(32),
      COUPON_CODE_SECRET: 'c'.repeat(32),
      PICKUP_CODE_SECRET: 'p'.repeat(32),
    };
    const development = loadConfig({ ...env, NODE_ENV: 'development' }).rateLimits;
    expect(development).toMatchObject({
      windowSeconds: 60,
      login: { perIp: 60, perDevice: 10 },
      order: { perIp: 300, perUser: 20 },
      couponClaim: { perIp: 300, perUser: 30 },
      couponScan: { perIp: 120, perUser: 10 },
      pickupVerify: { perIp: 300, perUser: 60 },
    });
    expect(loadConfig({ ...env, NODE_ENV: 'test' }).rateLimits.login.perIp).toBe(1_000_000);
    expect(loadConfig({ ...env, NODE_ENV: 'test', RATE_LIMIT_LOGIN_PER_IP: '7' }).rateLimits.login.perIp).toBe(7);
    expect(() => loadConfig({ ...env, RATE_LIMIT_ORDER_PER_USER: '0' })).toThrow(/RATE_LIMIT_ORDER_PER_USER/);
  });
});
