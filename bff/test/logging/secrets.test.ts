/**
 * Tokens, codes and secrets never reach the logs or an error body. A whole journey runs with the
 * BFF's logger at trace level writing into this test (AppDeps.logger built on a captured
 * destination): logins, a phone binding, an order paid in the WeChat sandbox (one prepay failing
 * first), 备货完成, the pickup code verified and confirmed, a member code and a coupon code scanned
 * at the till, a 扫码领券 token drawn as a 小程序码, WeChat failing a login, logout — and the
 * refusals in between (a code used twice, a wrong code, an old token). Then every captured line
 * and every error body is searched for each secret the journey handled.
 */
import http from 'node:http';
import { Writable } from 'node:stream';
import { and, eq, gt } from 'drizzle-orm';
import { inventory, orders, products, skus, staff } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { freePort } from '../../../scripts/src/lib/processes';
import { giveCoupon, makeTemplate } from '../coupon/offline-support';
import { testClock } from '../support/clock';
import { eventually } from '../support/eventually';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

/** Every line the logger writes, as written. */
class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer | string, _encoding: string, done: () => void): void {
    this.lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  }
}

describe('secrets in logs and error bodies', () => {
  const capture = new Capture();
  const clock = testClock(new Date());
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: http.Server;
  let base: string;
  /** Everything the journey handled that must never be written down. */
  const secrets = new Map<string, string>();
  const errorBodies: { path: string; status: number; body: string }[] = [];
  const sessionKeys: string[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    deps = await createTestDeps({
      label: 'logging',
      wechat: sandbox.wechat,
      now: clock.now,
      env: { PUBLIC_BASE_URL: base, LOG_LEVEL: 'trace' },
      logDestination: capture,
    });
    await seedDemo(deps.db, clock.now());
    // Record what WeChat hands the BFF (the real adapter answers; nothing is replaced).
    const code2Session = deps.wechat.code2Session.bind(deps.wechat);
    deps.wechat = {
      ...deps.wechat,
      code2Session: async (code) => {
        const session = await code2Session(code);
        sessionKeys.push(session.sessionKey);
        return session;
      },
    };
    server = http.createServer(buildApp(deps).callback());
    await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
  }, 60_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
    await deps?.close();
    await sandbox?.close();
  });

  const keep = (name: string, value: string | undefined) => {
    if (!value) throw new Error(`no ${name}`);
    secrets.set(`${name} #${secrets.size}`, value);
    return value;
  };

  /** A request that records its answer when it is an error. */
  async function call(
    method: 'get' | 'post' | 'delete',
    path: string,
    options: { auth?: string; body?: object; headers?: Record<string, string> } = {},
  ) {
    let req = request(base)
      [method](path)
      .set({ 'User-Agent': 'logging-test', ...options.headers });
    if (options.auth) req = req.set('Authorization', `Bearer ${options.auth}`);
    const res = options.body ? await req.send(options.body) : await req;
    if (res.status >= 400) errorBodies.push({ path, status: res.status, body: res.text });
    return res;
  }

  async function login(openid: string): Promise<{ token: string; memberId: number }> {
    const code = keep('wx.login code', await sandbox.loginCode(openid));
    const res = await call('post', '/api/auth/login', { body: { code } });
    expect(res.status).toBe(200);
    return { token: keep('session token', res.body.token), memberId: res.body.user.id };
  }

  async function payInSandbox(payment: { package: string }): Promise<void> {
    const response = await fetch(`${sandbox.url}/sandbox/pay/confirm`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prepay_id: payment.package.replace('prepay_id=', '') }),
    });
    expect(response.ok).toBe(true);
  }

  it('a full journey writes none of its tokens, codes or secrets into a log line or an error body', async () => {
    const customer = await login('logging-customer');
    const clerk = await login('demo-clerk-1');
    const admin = await login('demo-admin');
    const [{ storeId }] = await deps.db.select({ storeId: staff.storeId }).from(staff).where(eq(staff.memberId, clerk.memberId));

    // WeChat fails a login once: the BFF logs the failure (with the error), not the code. The code
    // still works once, then it is used up.
    await sandbox.fault({ api: 'jscode2session', kind: 'http_error', value: 500, times: 1 });
    const retriedCode = keep('wx.login code', await sandbox.loginCode('logging-customer'));
    expect((await call('post', '/api/auth/login', { body: { code: retriedCode } })).status).toBeGreaterThanOrEqual(500);
    const retried = await call('post', '/api/auth/login', { body: { code: retriedCode } });
    expect(retried.status).toBe(200);
    keep('session token', retried.body.token);
    expect((await call('post', '/api/auth/login', { body: { code: retriedCode } })).status).toBeGreaterThanOrEqual(400);

    const phoneCode = keep('phone code', await sandbox.phoneCode('logging-customer', '13700001234'));
    expect((await call('post', '/api/me/phone', { auth: customer.token, body: { code: phoneCode } })).status).toBe(200);
    expect((await call('post', '/api/me/phone', { auth: customer.token, body: { code: phoneCode } })).status).toBeGreaterThanOrEqual(400);

    // An order whose first prepay fails, paid again, then paid in the sandbox.
    const [{ skuId }] = await deps.db
      .select({ skuId: inventory.skuId })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(inventory.storeId, storeId!), gt(inventory.onHand, 30), eq(products.status, 'on_sale'), eq(skus.status, 'active')))
      .limit(1);
    await sandbox.fault({ api: 'jsapi', kind: 'http_error', value: 500, times: 1 });
    const created = await call('post', '/api/orders', {
      auth: customer.token,
      headers: { 'Idempotency-Key': 'logging-order-0001' },
      body: { items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId }, couponId: null },
    });
    expect(created.status).toBe(201);
    const orderId = created.body.order.id as number;
    const again = await call('post', `/api/orders/${orderId}/pay`, { auth: customer.token });
    expect(again.status).toBe(200);
    await payInSandbox(again.body.payment);
    await eventually(async () => expect((await deps.db.select().from(orders).where(eq(orders.id, orderId)))[0].status).toBe('preparing'));

    // 备货完成, then the pickup code: looked up, a wrong one, handed over, and once more.
    expect((await call('post', `/api/staff/orders/${orderId}/ready`, { auth: clerk.token })).status).toBe(200);
    const detail = await call('get', `/api/orders/${orderId}`, { auth: customer.token });
    const pickupCode = keep('pickup code', detail.body.pickup?.code);
    expect((await call('post', '/api/staff/pickups/verify', { auth: clerk.token, body: { code: pickupCode } })).status).toBe(200);
    const wrong = pickupCode === '00000000' ? '00000001' : '00000000';
    expect((await call('post', '/api/staff/pickups/verify', { auth: clerk.token, body: { code: wrong } })).status).toBe(404);
    expect((await call('post', `/api/staff/pickups/${orderId}/confirm`, { auth: clerk.token, body: { code: pickupCode } })).status).toBe(
      200,
    );
    expect((await call('post', `/api/staff/pickups/${orderId}/confirm`, { auth: clerk.token, body: { code: pickupCode } })).status).toBe(
      409,
    );
    expect((await call('post', '/api/staff/pickups/verify', { auth: clerk.token, body: { code: pickupCode } })).status).toBe(404);

    // The member code at the till: resolved once, refused the second time.
    const memberCode = keep('member code', (await call('get', '/api/me/member-code', { auth: customer.token })).body.code);
    expect((await call('post', '/api/staff/members/resolve', { auth: clerk.token, body: { code: memberCode } })).status).toBe(200);
    expect((await call('post', '/api/staff/members/resolve', { auth: clerk.token, body: { code: memberCode } })).status).toBe(409);
    // A forged code: the last digit changed (never the real one: a code ending in 0 made this the used code, 409).
    const forged = `${memberCode.slice(0, -1)}${(Number(memberCode.at(-1)) + 1) % 10}`;
    expect((await call('post', '/api/staff/members/resolve', { auth: clerk.token, body: { code: forged } })).status).toBe(422);

    // A coupon code: previewed, redeemed, refused the second time, and in a till sale.
    const template = await makeTemplate(deps, { kind: 'no_threshold', amountOffFen: 500, thresholdFen: 0 });
    const couponId = await giveCoupon(deps, template, customer.memberId);
    const couponCode = keep('coupon code', (await call('get', `/api/me/coupons/${couponId}/code`, { auth: customer.token })).body.code);
    expect((await call('post', '/api/staff/coupons/preview', { auth: clerk.token, body: { code: couponCode } })).status).toBe(200);
    expect((await call('post', '/api/staff/coupons/redeem', { auth: clerk.token, body: { code: couponCode } })).status).toBe(200);
    expect((await call('post', '/api/staff/coupons/redeem', { auth: clerk.token, body: { code: couponCode } })).status).toBe(409);
    const secondCoupon = await giveCoupon(deps, template, customer.memberId);
    const tillCode = keep('coupon code', (await call('get', `/api/me/coupons/${secondCoupon}/code`, { auth: customer.token })).body.code);
    const sale = await call('post', '/api/staff/sales', {
      auth: clerk.token,
      headers: { 'Idempotency-Key': 'logging-sale-0001' },
      body: { items: [{ skuId, qty: 1 }], couponCode: tillCode, payMethod: 'offline_cash' },
    });
    expect(sale.status).toBe(201);

    // A 扫码领券 token drawn as a 小程序码 (an access_token call), then scanned by the customer.
    const qrTemplate = await makeTemplate(deps, { source: 'store_qr' });
    const minted = await call('post', '/api/staff/coupon-tokens', {
      auth: clerk.token,
      body: { templateId: qrTemplate.id, expiresInMinutes: 60 },
    });
    expect(minted.status).toBe(200);
    keep('claim token', minted.body.token);
    expect((await call('get', `/api/staff/coupon-tokens/${minted.body.id}/qrcode`, { auth: clerk.token })).status).toBe(200);
    expect((await call('post', '/api/coupons/scan', { auth: customer.token, body: { token: minted.body.token } })).status).toBe(200);
    expect((await call('post', '/api/coupons/scan', { auth: customer.token, body: { token: `${minted.body.token}x` } })).status).toBe(422);

    // Head office refused nothing; staff on an admin route are refused; a logged-out token is 401.
    expect((await call('get', '/api/admin/coupon-templates', { auth: admin.token })).status).toBe(200);
    expect((await call('get', '/api/admin/coupon-templates', { auth: clerk.token })).status).toBe(403);
    expect((await call('post', '/api/auth/logout', { auth: customer.token })).status).toBe(204);
    expect((await call('get', '/api/me', { auth: customer.token })).status).toBe(401);

    // What WeChat and the config hold.
    for (const key of sessionKeys) keep('WeChat session_key', key);
    for (const token of sandbox.state.accessTokens.keys()) keep('access_token', token);
    expect(sessionKeys.length).toBeGreaterThanOrEqual(3);
    expect(sandbox.state.accessTokens.size).toBeGreaterThan(0);
    const { config } = deps;
    keep('WECHAT_APP_SECRET', config.wechat.appSecret);
    keep('MEMBER_CODE_SECRET', config.memberCodeSecret);
    keep('COUPON_CODE_SECRET', config.couponCodeSecret);
    keep('PICKUP_CODE_SECRET', config.pickup.codeSecret);
    keep('WECHATPAY_APIV3_KEY', config.wechatPay.apiV3Key);
    // A line of the merchant's private key (the PEM body, not its header).
    keep(
      'WECHATPAY_MERCHANT_PRIVATE_KEY',
      config.wechatPay.merchantPrivateKey.split('\n').find((line) => line.length > 40),
    );

    // The capture really is the BFF's log: access lines of the journey, and the failures logged with their errors.
    const parsed = capture.lines.map((line) => JSON.parse(line) as { msg: string; path?: string; level: number });
    expect(parsed.filter((l) => l.msg === 'request').length).toBeGreaterThan(30);
    expect(parsed.some((l) => l.msg === 'request' && l.path === `/api/staff/pickups/${orderId}/confirm`)).toBe(true);
    expect(parsed.some((l) => l.msg === 'code2Session failed')).toBe(true);
    expect(parsed.some((l) => l.msg === 'prepay failed; the customer can pay again')).toBe(true);
    expect(errorBodies.length).toBeGreaterThanOrEqual(8);

    const leaks: string[] = [];
    for (const [name, value] of secrets) {
      for (const line of capture.lines) if (line.includes(value)) leaks.push(`${name} in a log line: ${line.slice(0, 300)}`);
      for (const error of errorBodies)
        if (error.body.includes(value)) leaks.push(`${name} in the error body of ${error.path}: ${error.body}`);
    }
    expect(leaks).toEqual([]);
  });

  it('redacts credentials wherever a log call puts them: headers, cookies, tokens, WeChat keys', () => {
    const lines = new Capture();
    const logger = createLogger('info', { destination: lines });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer tok-1', cookie: 'sid=tok-2' } },
        res: { headers: { 'set-cookie': 'sid=tok-3' } },
        token: 'tok-4',
        wechat: { session_key: 'tok-5', access_token: 'tok-6', js_code: 'tok-7', secret: 'tok-8' },
        call: { headers: { authorization: 'WECHATPAY2-SHA256-RSA2048 tok-9' }, appSecret: 'tok-10' },
        session: { token: 'tok-11', sessionKey: 'tok-12' },
      },
      'credentials everywhere',
    );
    expect(lines.lines).toHaveLength(1);
    expect(lines.lines[0]).not.toMatch(/tok-\d/);
    expect(JSON.parse(lines.lines[0])).toMatchObject({ token: '[redacted]', req: { headers: { authorization: '[redacted]' } } });
  });
});
