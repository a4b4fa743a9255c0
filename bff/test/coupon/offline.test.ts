import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { inventory, members, products, skus, staff, staffAuditLog, statusChanges } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { issueCouponCode, verifyCouponCode } from '../../src/modules/coupon/offline-code';
import { adjust } from '../../src/modules/inventory/service';
import { issueMemberCode } from '../../src/modules/member/member-code';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { couponRow, giveCoupon, makeTemplate } from './offline-support';

type Auth = { Authorization: string };
type Account = { auth: Auth; memberId: number; storeId: number | null; staffId?: number };

const UA = 'coupon-offline-test/1.0 (POS-07)';

describe('线下核销: rotating coupon code and POST /api/staff/coupons/redeem', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const clock = testClock(new Date('2026-11-23T03:00:00.000Z'));
  let clerk: Account; // demo-clerk-1, store HZ-WS
  let sameStoreClerk: Account; // bound by head office to HZ-WS for this test
  let otherClerk: Account; // demo-clerk-2, store HZ-HB
  let admin: Account;
  let customer: Account;
  let stranger: Account;
  let home: number;
  let other: number;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'coupon_offline', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
    clerk = await loginAs('demo-clerk-1');
    otherClerk = await loginAs('demo-clerk-2');
    admin = await loginAs('demo-admin');
    customer = await loginAs('demo-customer-1');
    stranger = await loginAs('demo-customer-2');
    home = clerk.storeId!;
    other = otherClerk.storeId!;
    expect(other).not.toBe(home);
    const newcomer = await loginAs('offline-test-clerk');
    const bound = await request(server)
      .post('/api/admin/staff')
      .set(admin.auth)
      .send({ memberId: newcomer.memberId, storeId: home, role: 'clerk' });
    expect(bound.status).toBe(200);
    sameStoreClerk = await loginAs('offline-test-clerk');
    expect(sameStoreClerk.storeId).toBe(home);
    for (const account of [clerk, sameStoreClerk, otherClerk, admin]) account.staffId = await staffIdOf(account);
  });
  afterAll(async () => {
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
  const staffIdOf = async (account: Account) => (await deps.db.select().from(staff).where(eq(staff.memberId, account.memberId)))[0].id;

  /** The code 我的优惠券 shows now (a second later than the last one, so it is a new code). */
  async function codeOf(who: Account, userCouponId: number): Promise<string> {
    clock.advance(1_000);
    const res = await request(server).get(`/api/me/coupons/${userCouponId}/code`).set(who.auth);
    expect(res.status).toBe(200);
    return res.body.code;
  }
  /** A correctly signed code for any coupon, as the BFF would issue it: to reach the staff-side rules directly. */
  const signedCode = (userCouponId: number) => {
    clock.advance(1_000);
    return issueCouponCode(deps.config.couponCodeSecret, userCouponId, clock.now()).code;
  };

  const redeem = (who: Account, body: object) =>
    request(server).post('/api/staff/coupons/redeem').set(who.auth).set('User-Agent', UA).send(body);
  const preview = (who: Account, body: object) => request(server).post('/api/staff/coupons/preview').set(who.auth).send(body);

  const history = (userCouponId: number) =>
    deps.db
      .select()
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, 'user_coupon'), eq(statusChanges.entityId, userCouponId)));
  const audits = (userCouponId: number) =>
    deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'coupon.redeem'), eq(staffAuditLog.targetId, String(userCouponId))));

  it('shows the owner a 20-digit code starting with 9 that lives 60 s, distinct from the 18-digit 会员码', async () => {
    const template = await makeTemplate(deps);
    const id = await giveCoupon(deps, template, customer.memberId);
    clock.advance(1_000);
    const res = await request(server).get(`/api/me/coupons/${id}/code`).set(customer.auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.code).toMatch(/^9\d{19}$/);
    expect(Date.parse(res.body.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(60_000);
    expect(Date.parse(res.body.expiresAt) - clock.now().getTime()).toBeGreaterThan(58_000);
    expect(issueMemberCode(deps.config.memberCodeSecret, customer.memberId, clock.now()).code).toMatch(/^\d{18}$/);
    // It carries its own proof: the coupon id comes back out of it, and a refresh looks different.
    expect(verifyCouponCode(deps.config.couponCodeSecret, res.body.code, clock.now())).toMatchObject({ ok: true, userCouponId: id });
    expect(await codeOf(customer, id)).not.toBe(res.body.code);

    const theirs = await request(server).get(`/api/me/coupons/${id}/code`).set(stranger.auth);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ code: 'COUPON_NOT_FOUND', message: '优惠券不存在' });
    const missing = await request(server).get('/api/me/coupons/99999999/code').set(customer.auth);
    expect(missing.body.code).toBe('COUPON_NOT_FOUND');
    expect((await request(server).get(`/api/me/coupons/${id}/code`)).status).toBe(401);
  });

  it('refuses a code for a coupon that cannot be redeemed in a store now, in Chinese', async () => {
    const onlineOnly = await giveCoupon(deps, await makeTemplate(deps, { channel: 'online' }), customer.memberId);
    const later = await giveCoupon(
      deps,
      await makeTemplate(deps, {
        validity: 'fixed',
        validFrom: new Date(clock.now().getTime() + 24 * 3600_000),
        validTo: new Date(clock.now().getTime() + 48 * 3600_000),
      }),
      customer.memberId,
    );
    const cases: [number, number, string, RegExp][] = [
      [onlineOnly, 422, 'COUPON_ONLINE_ONLY', /仅限线上/],
      [later, 422, 'COUPON_NOT_YET_VALID', /未到/],
    ];
    for (const [id, status, code, message] of cases) {
      const res = await request(server).get(`/api/me/coupons/${id}/code`).set(customer.auth);
      expect({ id, status: res.status, code: res.body.code }).toEqual({ id, status, code });
      expect(res.body.message).toMatch(message);
    }
  });

  it('redeems at the store: the answer names the coupon, its rule and the member; row, history and audit say who, where and when', async () => {
    const template = await makeTemplate(deps, { name: '文三路店专享券', channel: 'offline', storeIds: [home] });
    const id = await giveCoupon(deps, template, customer.memberId);
    const code = await codeOf(customer, id);

    const seen = await preview(clerk, { code });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      coupon: { userCouponId: id, name: '文三路店专享券', ruleText: '满199减20', channel: 'offline', status: 'available' },
      usable: true,
      refusal: null,
    });
    const nickname = (await deps.db.select().from(members).where(eq(members.id, customer.memberId)))[0].nickname;
    expect(seen.body.coupon.member).toEqual({ id: customer.memberId, nickname });

    // The preview used nothing up: the same code redeems.
    const res = await redeem(clerk, { code: code.replace(/(\d{4})/g, '$1 ') });
    expect(res.status).toBe(200);
    expect(res.body.redemption).toEqual({
      userCouponId: id,
      name: '文三路店专享券',
      ruleText: '满199减20',
      kind: 'threshold',
      member: { id: customer.memberId, nickname },
      storeId: home,
      redeemedAt: clock.now().toISOString(),
    });
    expect(await couponRow(deps, id)).toMatchObject({
      status: 'used',
      usedChannel: 'offline',
      usedStoreId: home,
      usedByStaffId: clerk.staffId,
      usedAt: clock.now(),
      usedOrderId: null,
      lockedOrderId: null,
    });
    expect(await history(id)).toEqual([
      expect.objectContaining({ fromStatus: 'available', toStatus: 'used', event: 'redeem', actorType: 'staff', actorId: clerk.staffId }),
    ]);
    expect(await audits(id)).toEqual([
      expect.objectContaining({ staffId: clerk.staffId, storeId: home, targetType: 'user_coupon', userAgent: UA }),
    ]);

    // A screenshot of the same code is refused, and a used coupon has no code any more.
    const again = await redeem(otherClerk, { code });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'COUPON_CODE_USED' });
    expect(again.body.message).toMatch(/已使用/);
    const noCode = await request(server).get(`/api/me/coupons/${id}/code`).set(customer.auth);
    expect(noCode.status).toBe(409);
    expect(noCode.body).toMatchObject({ code: 'COUPON_ALREADY_USED', message: '优惠券已使用' });
    const late = await preview(clerk, { code: signedCode(id) });
    expect(late.body).toMatchObject({ usable: false, refusal: { code: 'COUPON_ALREADY_USED' }, coupon: { status: 'used' } });
    expect(await audits(id)).toHaveLength(1);
  });

  /** Fires two redemptions at once and checks that exactly one took the coupon. */
  async function race(first: Account, second: Account, codes: [string, string], id: number) {
    const answers = await Promise.all([redeem(first, { code: codes[0] }), redeem(second, { code: codes[1] })]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find((a) => a.status === 409)!;
    expect(['COUPON_ALREADY_USED', 'COUPON_CODE_USED']).toContain(loser.body.code);
    const winner = answers[0].status === 200 ? first : second;
    const row = await couponRow(deps, id);
    expect(row).toMatchObject({ status: 'used', usedChannel: 'offline', usedStoreId: winner.storeId, usedByStaffId: winner.staffId });
    expect((await history(id)).filter((h) => h.event === 'redeem')).toHaveLength(1);
    expect(await audits(id)).toEqual([expect.objectContaining({ staffId: winner.staffId, storeId: winner.storeId })]);
  }

  it('two tills in two stores redeeming one code at once: one 200, one 409, the coupon used once', async () => {
    const template = await makeTemplate(deps);
    for (let round = 0; round < 4; round++) {
      const id = await giveCoupon(deps, template, customer.memberId);
      const code = await codeOf(customer, id);
      await race(clerk, otherClerk, [code, code], id);
    }
  });

  it('two clerks of one store at once, also with two different fresh codes of the same coupon: one wins', async () => {
    const template = await makeTemplate(deps);
    for (let round = 0; round < 4; round++) {
      const id = await giveCoupon(deps, template, customer.memberId);
      const first = await codeOf(customer, id);
      const second = round % 2 === 0 ? first : await codeOf(customer, id);
      await race(clerk, sameStoreClerk, [first, second], id);
      if (first !== second) {
        // The loser's own code was never burned, but its coupon is gone.
        const after = await redeem(clerk, { code: second });
        expect(after.status).toBe(409);
      }
    }
  });

  it('channel and store rules: online-only refused offline; a coupon for other stores refused here, taken there', async () => {
    const onlineOnly = await giveCoupon(deps, await makeTemplate(deps, { channel: 'online' }), customer.memberId);
    const online = await redeem(clerk, { code: signedCode(onlineOnly) });
    expect(online.status).toBe(422);
    expect(online.body).toMatchObject({ code: 'COUPON_ONLINE_ONLY', message: '该优惠券仅限线上使用' });
    expect(await couponRow(deps, onlineOnly)).toMatchObject({ status: 'available', usedChannel: null });

    const elsewhere = await giveCoupon(deps, await makeTemplate(deps, { channel: 'offline', storeIds: [other] }), customer.memberId);
    const code = await codeOf(customer, elsewhere);
    const seen = await preview(clerk, { code });
    expect(seen.body).toMatchObject({ usable: false, refusal: { code: 'COUPON_NOT_FOR_STORE', message: '该优惠券不适用于本门店' } });
    const here = await redeem(clerk, { code });
    expect(here.status).toBe(422);
    expect(here.body.code).toBe('COUPON_NOT_FOR_STORE');
    // Head office acting for this store is refused the same way; a clerk of another store cannot pick one.
    expect((await redeem(admin, { code, storeId: home })).body.code).toBe('COUPON_NOT_FOR_STORE');
    expect((await redeem(clerk, { code, storeId: other })).status).toBe(403);
    expect((await redeem(admin, { code })).status).toBe(400);
    expect((await redeem(customer, { code })).status).toBe(403);
    // The refusals burned nothing: the same code redeems at the right store.
    const there = await redeem(otherClerk, { code });
    expect(there.status).toBe(200);
    expect(await couponRow(deps, elsewhere)).toMatchObject({ status: 'used', usedStoreId: other, usedByStaffId: otherClerk.staffId });
  });

  it('validity: not yet valid and past its end are refused, and stay available', async () => {
    const later = await giveCoupon(
      deps,
      await makeTemplate(deps, {
        validity: 'fixed',
        validFrom: new Date(clock.now().getTime() + 3600_000),
        validTo: new Date(clock.now().getTime() + 48 * 3600_000),
      }),
      customer.memberId,
    );
    const early = await redeem(clerk, { code: signedCode(later) });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('COUPON_NOT_YET_VALID');

    // Valid for 10 more seconds: the code is fetched in time, shown at the till after the end.
    const ending = await giveCoupon(
      deps,
      await makeTemplate(deps, {
        validity: 'fixed',
        validFrom: new Date(clock.now().getTime() - 3600_000),
        validTo: new Date(clock.now().getTime() + 10_000),
      }),
      customer.memberId,
    );
    const code = await codeOf(customer, ending);
    clock.advance(20_000);
    const expired = await redeem(clerk, { code });
    expect(expired.status).toBe(422);
    expect(expired.body).toMatchObject({ code: 'COUPON_EXPIRED', message: '优惠券已过期' });
    expect((await request(server).get(`/api/me/coupons/${ending}/code`).set(customer.auth)).body.code).toBe('COUPON_EXPIRED');
    for (const id of [later, ending]) expect(await couponRow(deps, id)).toMatchObject({ status: 'available', usedAt: null });
  });

  it('a coupon an unpaid online order holds is refused in the store until that order is cancelled', async () => {
    const id = await giveCoupon(
      deps,
      await makeTemplate(deps, { kind: 'no_threshold', thresholdFen: 0, amountOffFen: 500 }),
      customer.memberId,
    );
    const [sku] = await deps.db
      .select({ id: skus.id })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(and(eq(products.status, 'on_sale'), eq(skus.status, 'active')))
      .orderBy(asc(skus.id))
      .limit(1);
    await deps.db
      .insert(inventory)
      .values({ skuId: sku.id, storeId: home, safetyStock: 0 })
      .onDuplicateKeyUpdate({ set: { safetyStock: 0 } });
    await deps.db.transaction((tx) =>
      adjust(tx, {
        storeId: home,
        skuId: sku.id,
        delta: 5,
        note: 'offline test',
        reference: `ot-${randomUUID().slice(0, 18)}`,
        actor: { type: 'system' },
      }),
    );
    const placed = await request(server)
      .post('/api/orders')
      .set(customer.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ items: [{ skuId: sku.id, qty: 1 }], fulfillment: { type: 'pickup', storeId: home }, couponId: id });
    expect(placed.status).toBe(201);
    expect(await couponRow(deps, id)).toMatchObject({ status: 'locked' });

    const noCode = await request(server).get(`/api/me/coupons/${id}/code`).set(customer.auth);
    expect(noCode.status).toBe(409);
    expect(noCode.body.code).toBe('COUPON_LOCKED');
    const held = await redeem(clerk, { code: signedCode(id) });
    expect(held.status).toBe(409);
    expect(held.body.code).toBe('COUPON_LOCKED');
    expect(await couponRow(deps, id)).toMatchObject({ status: 'locked', usedChannel: null });

    const orderId = placed.body.order.id;
    const cancelled = await request(server).post(`/api/orders/${orderId}/cancel`).set(customer.auth);
    expect(cancelled.status).toBe(200);
    const taken = await redeem(clerk, { code: await codeOf(customer, id) });
    expect(taken.status).toBe(200);
    expect(await couponRow(deps, id)).toMatchObject({ status: 'used', usedChannel: 'offline', usedOrderId: null, lockedOrderId: null });
  });

  it('forged, expired, malformed and member codes are refused; wrong codes lock scanning for the minute', async () => {
    const id = await giveCoupon(deps, await makeTemplate(deps), customer.memberId);
    const code = await codeOf(customer, id);
    const forged = `${code.slice(0, 19)}${(Number(code[19]) + 1) % 10}`;
    const cases: [string, string, number, string][] = [
      ['forged MAC', forged, 422, 'COUPON_CODE_INVALID'],
      ['another coupon id', `${code.slice(0, 9)}${(Number(code[9]) + 1) % 10}${code.slice(10)}`, 422, 'COUPON_CODE_INVALID'],
      ['a 会员码', issueMemberCode(deps.config.memberCodeSecret, customer.memberId, clock.now()).code, 422, 'COUPON_CODE_INVALID'],
      ['letters', 'COUPON-123', 422, 'COUPON_CODE_INVALID'],
      ['empty', '', 400, 'VALIDATION_FAILED'],
    ];
    for (const [name, sent, status, errorCode] of cases) {
      const res = await redeem(sameStoreClerk, { code: sent });
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status, code: errorCode });
    }
    // Signed under another key (say, a test box's): forged here.
    const foreign = issueCouponCode('x'.repeat(64), id, clock.now()).code;
    expect((await redeem(sameStoreClerk, { code: foreign })).body.code).toBe('COUPON_CODE_INVALID');

    clock.advance(70_000);
    const stale = await redeem(sameStoreClerk, { code });
    expect(stale.status).toBe(422);
    expect(stale.body).toMatchObject({ code: 'COUPON_CODE_EXPIRED' });
    expect(stale.body.message).toMatch(/刷新/);
    expect(await couponRow(deps, id)).toMatchObject({ status: 'available' });

    // 20 wrong codes a minute (5 above) block this staff member, not the others.
    await deps.redis.del(`${deps.config.rateLimits.keyPrefix}:coupon_code:${sameStoreClerk.staffId}`);
    for (let i = 0; i < 20; i++) await redeem(sameStoreClerk, { code: forged });
    const fresh = await codeOf(customer, id);
    const blocked = await redeem(sameStoreClerk, { code: fresh });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    await deps.redis.del(`${deps.config.rateLimits.keyPrefix}:coupon_code:${sameStoreClerk.staffId}`);
    expect((await redeem(sameStoreClerk, { code: fresh })).status).toBe(200);
  });
});
