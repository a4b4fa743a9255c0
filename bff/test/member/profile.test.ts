import { eq } from 'drizzle-orm';
import { members, pointsLedger } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { creditCompletedOrder, reverseForRefund, changePoints } from '../../src/modules/member/points';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

describe('profile, phone, member code, points and tiers', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: ReturnType<ReturnType<typeof buildApp>['callback']>;
  const clock = testClock(new Date('2026-11-22T04:00:00.000Z'));

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'profile', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = buildApp(deps).callback();
  });
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  async function loginAs(openid: string): Promise<{ auth: { Authorization: string }; memberId: number }> {
    const res = await request(server)
      .post('/api/auth/login')
      .send({ code: await sandbox.loginCode(openid) });
    expect(res.status).toBe(200);
    return { auth: { Authorization: `Bearer ${res.body.token}` }, memberId: res.body.user.id };
  }

  describe('PATCH /api/me', () => {
    it('edits nickname and avatar', async () => {
      const { auth } = await loginAs('o-profile-1');
      const res = await request(server)
        .patch('/api/me')
        .set(auth)
        .send({ nickname: '  小林  ', avatarUrl: 'https://img.example.cn/a.png' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ nickname: '小林', avatarUrl: 'https://img.example.cn/a.png' });
    });

    it('sets the birthday once; a different date later is refused and changes nothing', async () => {
      const { auth } = await loginAs('o-profile-2');
      const set = await request(server).patch('/api/me').set(auth).send({ birthday: '1995-06-18' });
      expect(set.body).toMatchObject({ birthday: '1995-06-18' });
      expect((await request(server).patch('/api/me').set(auth).send({ birthday: '1995-06-18' })).status).toBe(200);
      const again = await request(server).patch('/api/me').set(auth).send({ birthday: '1990-01-01', nickname: '改名' });
      expect(again.status).toBe(422);
      expect(again.body).toMatchObject({ code: 'BIRTHDAY_ALREADY_SET', message: '生日设置后不可修改' });
      const me = await request(server).get('/api/me').set(auth);
      expect(me.body.birthday).toBe('1995-06-18');
      expect(me.body.nickname).not.toBe('改名');
    });

    it.each([
      [{ birthday: '2030-01-01' }],
      [{ birthday: '1995-13-40' }],
      [{ nickname: '' }],
      [{ nickname: '长'.repeat(33) }],
      [{ avatarUrl: 'not a url' }],
      [{ tierCode: 'gold' }],
      [{ points: 99999 }],
    ])('refuses %p with 400 and changes nothing', async (body) => {
      const { auth, memberId } = await loginAs('o-profile-3');
      const [before] = await deps.db.select().from(members).where(eq(members.id, memberId));
      const res = await request(server).patch('/api/me').set(auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const [after] = await deps.db.select().from(members).where(eq(members.id, memberId));
      expect(after).toEqual(before);
    });
  });

  describe('POST /api/me/phone', () => {
    it('binds the phone from a getPhoneNumber code and shows it masked', async () => {
      const { auth, memberId } = await loginAs('o-phone');
      const res = await request(server)
        .post('/api/me/phone')
        .set(auth)
        .send({ code: await sandbox.phoneCode('o-phone', '13912345678') });
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe('139****5678');
      const [row] = await deps.db.select().from(members).where(eq(members.id, memberId));
      expect(row.phone).toBe('13912345678');
    });

    it('refuses a used phone code with 422', async () => {
      const { auth } = await loginAs('o-phone-2');
      const code = await sandbox.phoneCode('o-phone-2', '13800001111');
      await request(server).post('/api/me/phone').set(auth).send({ code });
      const again = await request(server).post('/api/me/phone').set(auth).send({ code });
      expect(again.status).toBe(422);
      expect(again.body.code).toBe('INVALID_PHONE_CODE');
    });
  });

  describe('member code at the till', () => {
    it('resolves once for staff; a second scan of the same code is refused', async () => {
      const customer = await loginAs('demo-customer-2');
      const clerk = await loginAs('demo-clerk-1');
      const { body } = await request(server).get('/api/me/member-code').set(customer.auth);
      expect(body.code).toMatch(/^\d{18}$/);
      expect(new Date(body.expiresAt).getTime() - clock.now().getTime()).toBe(60_000);

      const first = await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: body.code });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: customer.memberId, tier: { code: 'silver' } });
      const second = await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: body.code });
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('MEMBER_CODE_USED');
    });

    it('refuses an expired code', async () => {
      const customer = await loginAs('demo-customer-1');
      const clerk = await loginAs('demo-clerk-1');
      const { body } = await request(server).get('/api/me/member-code').set(customer.auth);
      clock.advance(70_000);
      const res = await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: body.code });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'MEMBER_CODE_EXPIRED' });
    });

    it('refuses a forged code, and customers cannot resolve codes', async () => {
      const customer = await loginAs('demo-customer-1');
      const clerk = await loginAs('demo-clerk-1');
      const { body } = await request(server).get('/api/me/member-code').set(customer.auth);
      const forged = `${body.code.slice(0, 17)}${(Number(body.code[17]) + 1) % 10}`;
      expect((await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: forged })).body.code).toBe(
        'MEMBER_CODE_INVALID',
      );
      const byCustomer = await request(server).post('/api/staff/members/resolve').set(customer.auth).send({ code: body.code });
      expect(byCustomer.status).toBe(403);
    });

    it('stops a clerk guessing codes (20 wrong a minute), saying when to try again', async () => {
      const customer = await loginAs('demo-customer-3');
      const clerk = await loginAs('demo-clerk-3');
      const { body } = await request(server).get('/api/me/member-code').set(customer.auth);
      const forged = `${body.code.slice(0, 17)}${(Number(body.code[17]) + 1) % 10}`;
      const statuses: number[] = [];
      for (let i = 0; i < 21 && statuses.at(-1) !== 429; i++)
        statuses.push((await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: forged })).status);
      expect(statuses.at(-1)).toBe(429);
      // Even the customer's real code waits now, and the answer says for how long.
      const blocked = await request(server).post('/api/staff/members/resolve').set(clerk.auth).send({ code: body.code });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ code: 'RATE_LIMITED', message: '会员码错误次数过多，请稍后再试' });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    });
  });

  describe('POST /api/admin/staff', () => {
    it('lets head office bind a member to a store; the next login says so', async () => {
      const admin = await loginAs('demo-admin');
      const future = await loginAs('o-future-clerk');
      const res = await request(server)
        .post('/api/admin/staff')
        .set(admin.auth)
        .send({ memberId: future.memberId, storeId: 2, role: 'clerk' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ memberId: future.memberId, storeId: 2, role: 'clerk' });
      // Binding ends the member's sessions (docs/domain.md#staff): the phone signs in again as staff.
      expect((await request(server).get('/api/me').set(future.auth)).status).toBe(401);
      const me = await request(server)
        .get('/api/me')
        .set((await loginAs('o-future-clerk')).auth);
      expect(me.body.staff).toMatchObject({ storeId: 2, role: 'clerk' });
    });

    it.each(['demo-manager-1', 'demo-clerk-1', 'demo-customer-1'])('refuses %s with 403 and changes nothing', async (openid) => {
      const actor = await loginAs(openid);
      const target = await loginAs('o-not-staff');
      const res = await request(server)
        .post('/api/admin/staff')
        .set(actor.auth)
        .send({ memberId: target.memberId, storeId: 1, role: 'manager' });
      expect(res.status).toBe(403);
      expect((await request(server).get('/api/me').set(target.auth)).body.staff).toBeNull();
    });

    it('answers 404 for an unknown store', async () => {
      const admin = await loginAs('demo-admin');
      const target = await loginAs('o-nowhere');
      const res = await request(server)
        .post('/api/admin/staff')
        .set(admin.auth)
        .send({ memberId: target.memberId, storeId: 999, role: 'clerk' });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'STORE_NOT_FOUND', message: '门店不存在' });
    });
  });

  describe('points ledger and tiers (real transactions)', () => {
    async function freshMember(openid: string): Promise<number> {
      return (await loginAs(openid)).memberId;
    }
    const member = async (id: number) => (await deps.db.select().from(members).where(eq(members.id, id)))[0];
    const ledger = async (id: number) => deps.db.select().from(pointsLedger).where(eq(pointsLedger.memberId, id));

    it('credits 1 point per whole yuan once per order, even when completion is retried concurrently', async () => {
      const id = await freshMember('o-points-1');
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId: id, orderNo: 'SO1001', paidFen: 12_990 })),
        ),
      );
      expect(results.filter((r) => r.applied)).toHaveLength(1);
      expect(await member(id)).toMatchObject({ pointsBalance: 129, totalSpentFen: 12_990 });
      expect(await ledger(id)).toHaveLength(1);
    });

    it('reverses proportionally per refund, once per refund number, never below zero', async () => {
      const id = await freshMember('o-points-2');
      await deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId: id, orderNo: 'SO2001', paidFen: 10_000 }));
      const refund = (refundNo: string, refundedBeforeFen: number, refundFen: number) =>
        deps.db.transaction((tx) =>
          reverseForRefund(tx, { memberId: id, orderNo: 'SO2001', refundNo, paidFen: 10_000, refundedBeforeFen, refundFen }),
        );
      expect((await refund('RF1', 0, 2_500)).delta).toBe(-25);
      expect((await refund('RF1', 0, 2_500)).applied).toBe(false);
      expect(await member(id)).toMatchObject({ pointsBalance: 75, totalSpentFen: 7_500 });
      // The member spends points, then the rest is refunded: the balance stops at zero.
      await deps.db.transaction((tx) => changePoints(tx, { memberId: id, delta: -70, reason: 'exchange', reference: 'EX1' }));
      const rest = await refund('RF2', 2_500, 7_500);
      expect(rest.delta).toBe(-5);
      expect(await member(id)).toMatchObject({ pointsBalance: 0, totalSpentFen: 0 });
      const rows = await ledger(id);
      expect(rows.reduce((sum, r) => sum + r.delta, 0)).toBe(0);
    });

    it.each([
      [99_999, 'normal'],
      [100_000, 'silver'],
      [499_999, 'silver'],
      [500_000, 'gold'],
    ])('reaches the tier at the boundary: total %i fen → %s', async (total, tier) => {
      const id = await freshMember(`o-tier-${total}`);
      await deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId: id, orderNo: `T${total}-a`, paidFen: total - 1 }));
      await deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId: id, orderNo: `T${total}-b`, paidFen: 1 }));
      expect((await member(id)).tierCode).toBe(tier);
    });

    it('keeps the tier after a refund takes spend below the threshold, and shows progress', async () => {
      const id = await freshMember('o-tier-keep');
      await deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId: id, orderNo: 'K1', paidFen: 100_000 }));
      await deps.db.transaction((tx) =>
        reverseForRefund(tx, { memberId: id, orderNo: 'K1', refundNo: 'KR1', paidFen: 100_000, refundedBeforeFen: 0, refundFen: 50_000 }),
      );
      expect(await member(id)).toMatchObject({ tierCode: 'silver', totalSpentFen: 50_000 });
    });

    it('lists the ledger newest first with a cursor', async () => {
      const { auth, memberId } = await loginAs('o-points-list');
      for (let i = 1; i <= 3; i++) {
        await deps.db.transaction((tx) => creditCompletedOrder(tx, { memberId, orderNo: `L${i}`, paidFen: i * 100 }));
      }
      const page1 = await request(server).get('/api/me/points?limit=2').set(auth);
      expect(page1.body.items.map((i: { reference: string }) => i.reference)).toEqual(['L3', 'L2']);
      const page2 = await request(server).get(`/api/me/points?limit=2&cursor=${page1.body.nextCursor}`).set(auth);
      expect(page2.body).toMatchObject({ items: [{ reference: 'L1', delta: 1 }], nextCursor: null });
    });
  });
});
