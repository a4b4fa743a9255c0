/**
 * Sessions (docs/domain.md#members, docs/domain.md#staff): 256-bit random tokens stored only as
 * their SHA-256 in Redis, sliding, ended by logout, and ended all at once when head office unbinds
 * a staff member or changes their role. The role itself is read on every request, so a change made
 * anywhere (the admin API, make-admin, a DBA) refuses the very next request.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { staff } from '@shop/db';
import request from 'supertest';
import { memberSessionsKey, sessionKey } from '../../src/http/sessions';
import { signIn, startHarness, type Customer, type Harness } from '../groupbuy/harness';

let h: Harness;
let admin: Customer;
let store1: number;
let store2: number;
let people = 0;

beforeAll(async () => {
  h = await startHarness('sessions');
  admin = await signIn(h, 'demo-admin');
  const storeOf = async (openid: string) => {
    const { memberId } = await signIn(h, openid);
    return (await h.deps.db.select({ storeId: staff.storeId }).from(staff).where(eq(staff.memberId, memberId)))[0].storeId!;
  };
  [store1, store2] = await Promise.all([storeOf('demo-clerk-1'), storeOf('demo-clerk-2')]);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const api = () => request(h.base);
const tokenOf = (who: Customer) => who.auth.Authorization.replace('Bearer ', '');
const person = () => `session-person-${process.pid}-${++people}`;
/** The clerk's queue of their own store: any staff member may read it. */
const clerkRoute = (who: Customer) => api().get('/api/staff/orders').set(who.auth);
/** The store's after-sale list: managers only. */
const managerRoute = (who: Customer) => api().get('/api/staff/refund-requests').set(who.auth);
const bind = (memberId: number, role: 'clerk' | 'manager', storeId = store1) =>
  api().post('/api/admin/staff').set(admin.auth).send({ memberId, storeId, role });

describe('session tokens', () => {
  it('are 256 random bits, kept in Redis only under their SHA-256: a dump holds no usable token', async () => {
    const openid = person();
    const first = await signIn(h, openid);
    const second = await signIn(h, openid);
    const token = tokenOf(first);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenOf(second)).not.toBe(token);

    const prefix = h.deps.config.sessionKeyPrefix;
    const key = `${prefix}:${createHash('sha256').update(token).digest('base64url')}`;
    expect(sessionKey(token, prefix)).toBe(key);
    expect(JSON.parse((await h.deps.redis.get(key))!)).toEqual({ memberId: first.memberId });
    // The member's index lists hashed keys, never tokens.
    const indexed = await h.deps.redis.sMembers(memberSessionsKey(first.memberId, h.deps.config.sessionKeyPrefix));
    expect(indexed.sort()).toEqual([key, sessionKey(tokenOf(second), h.deps.config.sessionKeyPrefix)].sort());
    // Nothing in Redis is named after the token or holds it.
    for await (const keys of h.deps.redis.scanIterator({ MATCH: '*', COUNT: 1000 })) {
      for (const name of [keys].flat()) {
        expect(name).not.toContain(token);
        const type = await h.deps.redis.type(name);
        if (type === 'string') expect(await h.deps.redis.get(name)).not.toContain(token);
        if (type === 'set') expect((await h.deps.redis.sMembers(name)).join()).not.toContain(token);
      }
    }
  });

  it('slide: each request renews the session and its index for the configured lifetime', async () => {
    const who = await signIn(h, person());
    const key = sessionKey(tokenOf(who), h.deps.config.sessionKeyPrefix);
    await h.deps.redis.expire(key, 60);
    await h.deps.redis.expire(memberSessionsKey(who.memberId, h.deps.config.sessionKeyPrefix), 60);
    expect((await api().get('/api/me').set(who.auth)).status).toBe(200);
    const ttl = h.deps.config.sessionTtlSeconds;
    expect(await h.deps.redis.ttl(key)).toBeGreaterThan(ttl - 10);
    expect(await h.deps.redis.ttl(memberSessionsKey(who.memberId, h.deps.config.sessionKeyPrefix))).toBeGreaterThan(ttl - 10);
  });

  it('logout ends that session only; the member’s other devices stay signed in', async () => {
    const openid = person();
    const phone = await signIn(h, openid);
    const tablet = await signIn(h, openid);
    expect((await api().post('/api/auth/logout').set(phone.auth)).status).toBe(204);
    expect((await api().get('/api/me').set(phone.auth)).status).toBe(401);
    expect((await api().get('/api/me').set(tablet.auth)).status).toBe(200);
    expect(await h.deps.redis.sMembers(memberSessionsKey(phone.memberId, h.deps.config.sessionKeyPrefix))).toEqual([
      sessionKey(tokenOf(tablet), h.deps.config.sessionKeyPrefix),
    ]);
  });
});

describe('staff roles take effect on the very next request', () => {
  it('unbinding a clerk ends every session they hold; signed in again they are a customer', async () => {
    const openid = person();
    const member = await signIn(h, openid);
    expect((await bind(member.memberId, 'clerk')).status).toBe(200);
    const till = await signIn(h, openid);
    const phone = await signIn(h, openid);
    expect((await clerkRoute(till)).status).toBe(200);
    expect((await clerkRoute(phone)).status).toBe(200);

    const unbound = await api().delete(`/api/admin/staff/${member.memberId}`).set(admin.auth).set('User-Agent', 'hq-console');
    expect(unbound.status).toBe(204);
    for (const device of [member, till, phone]) {
      const next = await clerkRoute(device);
      expect(next.status).toBe(401);
      expect(next.body.code).toBe('UNAUTHENTICATED');
    }
    expect(await h.deps.redis.exists(memberSessionsKey(member.memberId, h.deps.config.sessionKeyPrefix))).toBe(0);

    const again = await signIn(h, openid);
    const refused = await clerkRoute(again);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('仅限门店员工操作');
    expect((await api().get('/api/me').set(again.auth)).body.staff).toBeNull();
    // Unbinding twice, or someone who is not staff: 404; head office cannot be unbound here.
    expect((await api().delete(`/api/admin/staff/${member.memberId}`).set(admin.auth)).body.code).toBe('STAFF_NOT_FOUND');
    const adminUnbind = await api().delete(`/api/admin/staff/${admin.memberId}`).set(admin.auth);
    expect(adminUnbind.status).toBe(422);
    expect(adminUnbind.body.code).toBe('STAFF_IS_ADMIN');
    // Bound again later, they work again.
    expect((await bind(member.memberId, 'clerk')).status).toBe(200);
    expect((await clerkRoute(await signIn(h, openid))).status).toBe(200);
  });

  it('a manager made clerk is signed out, and signed in again may no longer review after-sales', async () => {
    const openid = person();
    const member = await signIn(h, openid);
    expect((await bind(member.memberId, 'manager')).status).toBe(200);
    const before = await signIn(h, openid);
    expect((await managerRoute(before)).status).toBe(200);

    expect((await bind(member.memberId, 'clerk')).status).toBe(200);
    expect((await managerRoute(before)).status).toBe(401);
    const after = await signIn(h, openid);
    const refused = await managerRoute(after);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('仅限店长操作');
    expect((await clerkRoute(after)).status).toBe(200);
  });

  it('moving a clerk to another store signs them out; binding again unchanged keeps them signed in', async () => {
    const openid = person();
    const member = await signIn(h, openid);
    expect((await bind(member.memberId, 'clerk', store1)).status).toBe(200);
    const device = await signIn(h, openid);
    expect((await bind(member.memberId, 'clerk', store1)).status).toBe(200);
    expect((await clerkRoute(device)).status).toBe(200);

    expect((await bind(member.memberId, 'clerk', store2)).status).toBe(200);
    expect((await clerkRoute(device)).status).toBe(401);
    const moved = await signIn(h, openid);
    const other = await api().get('/api/staff/orders').query({ storeId: store1 }).set(moved.auth);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('仅限本门店员工操作');
  });

  it('the role is read on every request: a staff row changed outside the API refuses the next request', async () => {
    const openid = person();
    const member = await signIn(h, openid);
    expect((await bind(member.memberId, 'manager')).status).toBe(200);
    const device = await signIn(h, openid);
    expect((await managerRoute(device)).status).toBe(200);
    // As a DBA (or scripts/src/make-admin.ts) would: no session is touched.
    await h.deps.db.update(staff).set({ role: 'clerk' }).where(eq(staff.memberId, member.memberId));
    expect((await managerRoute(device)).status).toBe(403);
    await h.deps.db.update(staff).set({ status: 'disabled' }).where(eq(staff.memberId, member.memberId));
    expect((await clerkRoute(device)).status).toBe(403);
    // Still a signed-in customer.
    expect((await api().get('/api/me').set(device.auth)).status).toBe(200);
  });

  it('admin routes tell store staff they are head office’s (仅限总部管理员操作)', async () => {
    for (const openid of ['demo-clerk-1', 'demo-manager-1']) {
      const who = await signIn(h, openid);
      const refused = await api().get('/api/admin/coupon-templates').set(who.auth);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ code: 'FORBIDDEN', message: '仅限总部管理员操作', requestId: expect.any(String) });
      const bindRefused = await api()
        .post('/api/admin/staff')
        .set(who.auth)
        .send({ memberId: who.memberId, storeId: store1, role: 'manager' });
      expect(bindRefused.body.message).toBe('仅限总部管理员操作');
    }
  });
});
