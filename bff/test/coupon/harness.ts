import http from 'node:http';
import { eq } from 'drizzle-orm';
import { couponTemplates, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { buildApp } from '../../src/app';
import { freePort } from '../../../scripts/src/lib/processes';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

/**
 * The coupon tests' BFF: a real server on a real port (parallel requests go over real sockets),
 * its own seeded database, the run's Redis and the WeChat sandbox for logins. The clock is the
 * test's, so validity boundaries are crossed by moving it.
 */
export async function startCouponHarness(label: string, start = new Date()) {
  const clock = testClock(start);
  const sandbox: TestSandbox = await startTestSandbox();
  const deps: TestDeps = await createTestDeps({ label, wechat: sandbox.wechat, now: clock.now });
  await seedDemo(deps.db, clock.now());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Enough sockets that 500 requests are really in flight together.
  const server = http.createServer(buildApp(deps).callback());
  server.maxConnections = 2000;
  await new Promise<void>((ready) => server.listen(port, '127.0.0.1', 1024, ready));

  async function call(
    method: string,
    path: string,
    options: { auth?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...options.auth, ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  let members = 0;
  async function signIn(openid = `coupon-${label}-${process.pid}-${++members}`) {
    const code = await sandbox.loginCode(openid);
    const { body } = await call('POST', '/api/auth/login', { body: { code } });
    return { auth: { Authorization: `Bearer ${body.token as string}` }, memberId: body.user.id as number, openid };
  }

  const admin = () => signIn('demo-admin');

  /** A template made through the admin API (so its validation runs), with the given overrides. */
  async function createTemplate(overrides: Record<string, unknown>) {
    const { auth } = await admin();
    const response = await call('POST', '/api/admin/coupon-templates', {
      auth,
      body: {
        name: '测试券',
        kind: 'no_threshold',
        amountOffFen: 500,
        source: 'center',
        validity: 'relative',
        validDays: 7,
        totalQuantity: 100,
        ...overrides,
      },
    });
    if (response.status !== 201) throw new Error(`template not created: ${JSON.stringify(response.body)}`);
    return response.body as { id: number; code: string };
  }

  const couponsOf = (memberId: number) => deps.db.select().from(userCoupons).where(eq(userCoupons.memberId, memberId));
  const couponsOfTemplate = (templateId: number) => deps.db.select().from(userCoupons).where(eq(userCoupons.templateId, templateId));
  const templateRow = async (id: number) => (await deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, id)))[0];
  const templateByCode = async (code: string) => (await deps.db.select().from(couponTemplates).where(eq(couponTemplates.code, code)))[0];

  async function close() {
    await new Promise((done) => server.close(done));
    await deps.close();
    await sandbox.close();
  }

  return {
    deps,
    clock,
    sandbox,
    base,
    call,
    signIn,
    admin,
    createTemplate,
    couponsOf,
    couponsOfTemplate,
    templateRow,
    templateByCode,
    close,
  };
}

export type CouponHarness = Awaited<ReturnType<typeof startCouponHarness>>;
