import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { attributionVisits, couponClaimTokens, couponTemplates, staffAuditLog, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import type { Config } from '../../src/config';
import { tokenFor } from '../../src/modules/coupon/claim-tokens';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Account = { auth: { Authorization: string }; memberId: number; storeId: number | null };

/** 扫码领券: staff mint signed tokens, customers scan them, through real HTTP on a real database. */
describe('扫码领券: /api/staff/coupon-tokens and POST /api/coupons/scan', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: http.Server;
  const clock = testClock(new Date('2026-11-22T04:00:00.000Z'));
  let clerk: Account; // demo-clerk-1
  let otherClerk: Account; // demo-clerk-2, another store
  let admin: Account;
  let customer: Account;
  let customers = 0;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'coupon-qr', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = http.createServer(buildApp(deps).callback());
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    [clerk, otherClerk, admin, customer] = await Promise.all(['demo-clerk-1', 'demo-clerk-2', 'demo-admin', 'qr-customer'].map(loginAs));
    expect(clerk.storeId).not.toBeNull();
    expect(otherClerk.storeId).not.toBe(clerk.storeId);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await deps.close();
    await sandbox.close();
  });

  async function loginAs(openid: string): Promise<Account> {
    const res = await request(server)
      .post('/api/auth/login')
      .send({ code: await sandbox.loginCode(openid) });
    expect(res.status).toBe(200);
    return {
      auth: { Authorization: `Bearer ${res.body.token}` },
      memberId: res.body.user.id,
      storeId: res.body.user.staff?.storeId ?? null,
    };
  }
  const newCustomers = (n: number) => Promise.all(Array.from({ length: n }, () => loginAs(`qr-scanner-${++customers}`)));

  async function template(overrides: Partial<typeof couponTemplates.$inferInsert> = {}): Promise<number> {
    const [inserted] = await deps.db.insert(couponTemplates).values({
      code: `QR-T-${randomBytes(4).toString('hex')}`,
      name: '到店扫码 满99减10',
      kind: 'threshold',
      amountOffFen: 1000,
      thresholdFen: 9900,
      scopeIds: [],
      source: 'store_qr',
      validity: 'relative',
      validDays: 7,
      totalQuantity: 1000,
      perUserLimit: 5,
      ...overrides,
    });
    return inserted.insertId;
  }

  const mint = (who: Account, body: object) =>
    request(server).post('/api/staff/coupon-tokens').set(who.auth).set('User-Agent', 'qr-test').send(body);
  const scan = (who: Account, token: string, scene?: string) =>
    request(server).post('/api/coupons/scan').set(who.auth).send({ token, scene });
  async function minted(who: Account, body: object): Promise<{ id: number; token: string }> {
    const res = await mint(who, body);
    expect(res.status).toBe(200);
    return res.body;
  }
  const couponsOf = async (templateId: number, memberId?: number) =>
    deps.db
      .select()
      .from(userCoupons)
      .where(
        memberId ? and(eq(userCoupons.templateId, templateId), eq(userCoupons.memberId, memberId)) : eq(userCoupons.templateId, templateId),
      );
  const tokenRow = async (id: number) => (await deps.db.select().from(couponClaimTokens).where(eq(couponClaimTokens.id, id)))[0];

  it('staff mint a signed token for their store; the QR opens pages/coupon-scan/index?t=<token>', async () => {
    const templateId = await template();
    const res = await mint(clerk, { templateId, expiresInMinutes: 120, maxClaims: 50 });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(new RegExp(`^${res.body.id}\\.[A-Za-z0-9_-]{22}$`));
    expect(res.body.token.length).toBeLessThanOrEqual(32); // fits a 小程序码 scene
    expect(res.body.qrPath).toBe(`pages/coupon-scan/index?t=${encodeURIComponent(res.body.token)}`);
    expect(new Date(res.body.expiresAt).getTime()).toBe(clock.now().getTime() + 120 * 60_000);
    const row = await tokenRow(res.body.id);
    expect(row).toMatchObject({ templateId, storeId: clerk.storeId, maxClaims: 50, claimedCount: 0, revokedAt: null });
    const [audited] = await deps.db
      .select({ n: count() })
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'coupon_token.mint'), eq(staffAuditLog.targetId, String(res.body.id))));
    expect(audited.n).toBe(1);

    // Head office mints with no store.
    const byAdmin = await minted(admin, { templateId, expiresInMinutes: 60 });
    expect((await tokenRow(byAdmin.id)).storeId).toBeNull();
  });

  it('refuses what may not be minted: other sources, customers, bad durations, other stores', async () => {
    const center = await template({ source: 'center' });
    expect((await mint(clerk, { templateId: center, expiresInMinutes: 60 })).body.code).toBe('COUPON_NOT_FOR_QR');
    const ok = await template();
    expect((await mint(customer, { templateId: ok, expiresInMinutes: 60 })).status).toBe(403);
    for (const expiresInMinutes of [0, 43_201, 1.5]) {
      expect((await mint(clerk, { templateId: ok, expiresInMinutes })).status).toBe(400);
    }
    expect((await mint(clerk, { templateId: ok, expiresInMinutes: 60, maxClaims: 0 })).status).toBe(400);
    expect((await mint(clerk, { templateId: 99_999_999, expiresInMinutes: 60 })).body.code).toBe('COUPON_TEMPLATE_NOT_FOUND');
    const elsewhere = await template({ storeIds: [otherClerk.storeId!] });
    const res = await mint(clerk, { templateId: elsewhere, expiresInMinutes: 60 });
    expect([res.status, res.body.code]).toEqual([422, 'COUPON_NOT_FOR_STORE']);
    const paused = await template({ status: 'paused' });
    expect((await mint(clerk, { templateId: paused, expiresInMinutes: 60 })).body.code).toBe('COUPON_PAUSED');
  });

  it('a scan puts the coupon in my account (source store_qr, once per token) and records the touch', async () => {
    const templateId = await template();
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60 });
    const [me] = await newCustomers(1);
    const res = await scan(me, token, '1047');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ templateId, name: '到店扫码 满99减10' });
    const coupons = await couponsOf(templateId, me.memberId);
    expect(coupons).toHaveLength(1);
    expect(coupons[0]).toMatchObject({ id: res.body.couponId, source: 'store_qr', issueKey: `qr:${id}`, status: 'available' });
    const visits = await deps.db.select().from(attributionVisits).where(eq(attributionVisits.visitorMemberId, me.memberId));
    expect(visits).toEqual([expect.objectContaining({ targetType: 'coupon', targetId: templateId, sharerId: null, scene: '1047' })]);
    expect((await tokenRow(id)).claimedCount).toBe(1);

    // The coupon shows in the template's counter too.
    const [t] = await deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, templateId));
    expect(t.issuedCount).toBe(1);
  });

  it('refuses forged tokens: wrong signature, unknown id, another key, garbage', async () => {
    const templateId = await template();
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60 });
    const [sig] = token.split('.').slice(1);
    const flipped = `${id}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const row = await tokenRow(id);
    const otherKey = tokenFor({ ...deps.config, couponCodeSecret: randomBytes(32).toString('hex') } as Config, row);
    const unknownId = tokenFor(deps.config, { ...row, id: id + 1000 });
    const otherTemplate = tokenFor(deps.config, { ...row, templateId: templateId + 1 });
    // The last character carries 2 bits of the signature and 4 spare ones: another spelling is not the token.
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelledSig = `${sig.slice(0, 21)}${B64URL[B64URL.indexOf(sig[21]) ^ 1]}`;
    expect(Buffer.from(respelledSig, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    const respelled = `${id}.${respelledSig}`;
    for (const forged of [flipped, respelled, otherKey, unknownId, otherTemplate, `${id}.${sig.slice(0, 21)}`, 'hello', `${id}`]) {
      const res = await scan(customer, forged);
      expect([forged, res.status, res.body.code, res.body.message]).toEqual([forged, 422, 'COUPON_QR_INVALID', '二维码无效']);
    }
    expect(await couponsOf(templateId)).toHaveLength(0);
    expect((await tokenRow(id)).claimedCount).toBe(0);
  });

  it('refuses an expired token (the clock moved past expiresAt)', async () => {
    const templateId = await template();
    const { token } = await minted(clerk, { templateId, expiresInMinutes: 1 });
    clock.advance(60_000);
    const res = await scan(customer, token);
    expect([res.status, res.body.code, res.body.message]).toEqual([422, 'COUPON_QR_EXPIRED', '二维码已过期']);
    expect(await couponsOf(templateId)).toHaveLength(0);
  });

  it('revoking stops a token at once; only its own store or head office may revoke it', async () => {
    const templateId = await template();
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60 });
    const revoke = (who: Account) => request(server).post(`/api/staff/coupon-tokens/${id}/revoke`).set(who.auth).send();
    expect((await revoke(otherClerk)).status).toBe(403);
    expect((await revoke(customer)).status).toBe(403);
    const first = await revoke(clerk);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, state: 'revoked' });
    clock.advance(1_000);
    const again = await revoke(admin);
    expect(again.body.revokedAt).toBe(first.body.revokedAt);
    const res = await scan(customer, token);
    expect([res.status, res.body.code]).toEqual([422, 'COUPON_QR_REVOKED']);
    expect((await request(server).post('/api/staff/coupon-tokens/99999999/revoke').set(clerk.auth).send()).body.code).toBe(
      'COUPON_QR_NOT_FOUND',
    );
  });

  it('maxClaims 10 with 30 parallel scanners: exactly 10 coupons, the rest 本次活动已领完', async () => {
    const templateId = await template();
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60, maxClaims: 10 });
    const scanners = await newCustomers(30);
    const results = await Promise.all(scanners.map((who) => scan(who, token)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code, r.body.message])).toEqual(
      Array.from({ length: 20 }, () => [409, 'COUPON_QR_EXHAUSTED', '本次活动已领完']),
    );
    expect(await couponsOf(templateId)).toHaveLength(10);
    expect((await tokenRow(id)).claimedCount).toBe(10);
    const [t] = await deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, templateId));
    expect(t.issuedCount).toBe(10);
  });

  it('the same member scanning one token five times at once gets one coupon, and the refusals take no count', async () => {
    const templateId = await template({ perUserLimit: 5 });
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60, maxClaims: 3 });
    const [me] = await newCustomers(1);
    const results = await Promise.all(Array.from({ length: 5 }, () => scan(me, token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(4).fill('COUPON_ALREADY_CLAIMED'));
    expect(await couponsOf(templateId, me.memberId)).toHaveLength(1);
    // The refused scans rolled the token's counter back: two more people can still claim.
    expect((await tokenRow(id)).claimedCount).toBe(1);
    const others = await newCustomers(2);
    for (const other of others) expect((await scan(other, token)).status).toBe(200);
    expect((await scan((await newCustomers(1))[0], token)).body.code).toBe('COUPON_QR_EXHAUSTED');
  });

  it("the template's own rules hold through any token: per-user limit across tokens, total quantity", async () => {
    const limited = await template({ perUserLimit: 1 });
    const a = await minted(clerk, { templateId: limited, expiresInMinutes: 60 });
    const b = await minted(otherClerk, { templateId: limited, expiresInMinutes: 60 });
    const [me] = await newCustomers(1);
    expect((await scan(me, a.token)).status).toBe(200);
    const second = await scan(me, b.token);
    expect([second.status, second.body.code]).toEqual([409, 'COUPON_LIMIT_REACHED']);
    expect((await tokenRow(b.id)).claimedCount).toBe(0);

    const scarce = await template({ totalQuantity: 3 });
    const { id, token } = await minted(clerk, { templateId: scarce, expiresInMinutes: 60 });
    const results = await Promise.all((await newCustomers(6)).map((who) => scan(who, token)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array(3).fill('COUPON_SOLD_OUT'));
    expect((await tokenRow(id)).claimedCount).toBe(3);
  });

  it("lists my store's tokens with their claimed counts; head office sees every store's", async () => {
    const templateId = await template();
    const mine = await minted(clerk, { templateId, expiresInMinutes: 60, maxClaims: 2 });
    const theirs = await minted(otherClerk, { templateId, expiresInMinutes: 60 });
    const [me] = await newCustomers(1);
    expect((await scan(me, mine.token)).status).toBe(200);

    const list = async (who: Account) => {
      const res = await request(server).get('/api/staff/coupon-tokens').set(who.auth);
      expect(res.status).toBe(200);
      return res.body.items as { id: number; storeId: number | null; claimedCount: number; state: string; token: string }[];
    };
    const clerkSees = await list(clerk);
    expect(clerkSees.every((t) => t.storeId === clerk.storeId)).toBe(true);
    expect(clerkSees.find((t) => t.id === mine.id)).toMatchObject({
      claimedCount: 1,
      state: 'active',
      templateName: '到店扫码 满99减10',
      token: mine.token,
      qrPath: `pages/coupon-scan/index?t=${encodeURIComponent(mine.token)}`,
    });
    expect(clerkSees.some((t) => t.id === theirs.id)).toBe(false);
    const adminSees = await list(admin);
    expect(adminSees.map((t) => t.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect((await request(server).get('/api/staff/coupon-tokens').set(customer.auth)).status).toBe(403);
  });

  it('draws the token as a 小程序码 (scene = the token) for its own store only, while it is live', async () => {
    const templateId = await template();
    const { id, token } = await minted(clerk, { templateId, expiresInMinutes: 60 });
    const qr = (who: Account, tokenId = id) => request(server).get(`/api/staff/coupon-tokens/${tokenId}/qrcode`).set(who.auth).buffer(true);
    const png = await qr(clerk);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // The sandbox checks the scene as WeChat does (≤ 32 characters of its set); the PNG is cached until expiry.
    expect(await deps.redis.ttl(`wxacode:pages/coupon-scan/index:${token}`)).toBeGreaterThan(3000);
    expect((await qr(admin)).status).toBe(200);
    expect((await qr(otherClerk)).status).toBe(403);
    expect((await qr(clerk, 99_999_999)).body.code).toBe('COUPON_QR_NOT_FOUND');
    await request(server).post(`/api/staff/coupon-tokens/${id}/revoke`).set(clerk.auth).send();
    expect((await qr(clerk)).body.code).toBe('COUPON_QR_REVOKED');
  });
});
