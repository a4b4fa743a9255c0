import { and, eq } from 'drizzle-orm';
import { inventoryLedger, members, outbox, pickupCodes, pointsLedger, refunds, staff, staffAuditLog } from '@shop/db';
import request from 'supertest';
import { orderJobs } from '../../src/jobs/scheduler';
import { codeHash, newPickupCode, openSealedCode, parseScanned, qrPayload, sealCode } from '../../src/modules/pickup/code';
import { refundUncollected, remindUncollected } from '../../src/modules/pickup/overdue';
import { eventually } from '../support/eventually';
import {
  createOrder,
  orderRow,
  pay,
  pickup,
  signIn,
  startHarness,
  stockedSku,
  stockRow,
  waitForStatus,
  type Customer,
  type Harness,
} from '../groupbuy/harness';

describe('pickup codes (pure)', () => {
  it('draws 8 digits, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, newPickupCode);
    expect(codes.every((c) => /^\d{8}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });

  it.each([
    ['12345678', '12345678'],
    [' 1234 5678 ', '12345678'],
    ['PICKUP:00000042', '00000042'],
    ['1234567', null],
    ['123456789', null],
    ['abcdefgh', null],
    ['PICKUP:', null],
    ['', null],
  ])('reads %j as %j', (input, code) => {
    expect(parseScanned(input)).toBe(code);
  });

  it('keeps the code only as a store-keyed HMAC and a sealed copy bound to its order', () => {
    const secret = 'x'.repeat(40);
    expect(codeHash(secret, 1, '12345678')).not.toBe(codeHash(secret, 2, '12345678'));
    expect(codeHash(secret, 1, '12345678')).not.toBe(codeHash('y'.repeat(40), 1, '12345678'));
    const sealed = sealCode(secret, 7, '12345678');
    expect(sealed).not.toContain('12345678');
    expect(openSealedCode(secret, 7, sealed)).toBe('12345678');
    expect(() => openSealedCode(secret, 8, sealed)).toThrow();
    expect(() => openSealedCode('y'.repeat(40), 7, sealed)).toThrow();
    expect(qrPayload('12345678')).toBe('PICKUP:12345678');
  });
});

describe('store pickup and the staff workspace', () => {
  let h: Harness;
  const taken = new Set<number>();
  let clerk1: Customer;
  let clerk2: Customer;
  let manager1: Customer;

  beforeAll(async () => {
    h = await startHarness('pickup');
    [clerk1, clerk2, manager1] = await Promise.all(['demo-clerk-1', 'demo-clerk-2', 'demo-manager-1'].map((o) => signIn(h, o)));
  });
  afterAll(async () => {
    await h.close();
  });

  const ua = { 'User-Agent': 'till-phone/1.0 (test)' };
  const api = () => request(h.base);

  /** A customer's paid order at store 1, in the preparation queue. */
  async function paidOrder(openid: string, qty = 1) {
    const customer = await signIn(h, openid);
    const skuId = await stockedSku(h, taken);
    const created = await createOrder(h, customer, { items: [{ skuId, qty }], fulfillment: pickup });
    expect(created.status).toBe(201);
    await pay(h, created);
    await waitForStatus(h, created.body.order.id, 'preparing');
    return { customer, skuId, orderId: created.body.order.id as number };
  }
  async function readyOrder(openid: string) {
    const paid = await paidOrder(openid);
    await api().post(`/api/staff/orders/${paid.orderId}/ready`).set(clerk1.auth).set(ua).expect(200);
    const detail = await api().get(`/api/orders/${paid.orderId}`).set(paid.customer.auth);
    return { ...paid, code: detail.body.pickup.code as string };
  }

  it('lists the queue, marks ready, and then shows the customer the code with its QR payload', async () => {
    const { customer, orderId } = await paidOrder('pk-ready');
    const queue = await api().get('/api/staff/orders?status=preparing').set(clerk1.auth);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((o: { id: number }) => o.id)).toContain(orderId);
    expect((await api().get(`/api/orders/${orderId}`).set(customer.auth)).body.pickup).toBeNull();

    const ready = await api().post(`/api/staff/orders/${orderId}/ready`).set(clerk1.auth).set(ua);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready_for_pickup');
    expect((await api().post(`/api/staff/orders/${orderId}/ready`).set(clerk1.auth)).status).toBe(409);

    const detail = await api().get(`/api/orders/${orderId}`).set(customer.auth);
    expect(detail.body.status).toBe('ready_for_pickup');
    expect(detail.body.pickup.code).toMatch(/^\d{8}$/);
    expect(detail.body.pickup.qrPayload).toBe(`PICKUP:${detail.body.pickup.code}`);
    // The table holds no usable code.
    const [row] = await h.deps.db.select().from(pickupCodes).where(eq(pickupCodes.orderId, orderId));
    expect(JSON.stringify(row)).not.toContain(detail.body.pickup.code);
    // 取货提醒 goes out through the outbox.
    const [message] = await h.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `pickup.ready:${orderId}`));
    expect(message.payload).toMatchObject({ memberId: customer.memberId, orderId, storeName: expect.any(String) });
    expect(
      (await api().get('/api/staff/orders?status=ready_for_pickup').set(clerk1.auth)).body.items.map((o: { id: number }) => o.id),
    ).toContain(orderId);
  });

  it('a clerk of another store gets 403 and learns nothing about the order', async () => {
    const { orderId } = await paidOrder('pk-cross');
    const marked = await api().post(`/api/staff/orders/${orderId}/ready`).set(clerk2.auth);
    expect(marked.status).toBe(403);
    expect(marked.body).toMatchObject({ code: 'FORBIDDEN', message: '仅限本门店员工操作' });
    await api().post(`/api/staff/orders/${orderId}/ready`).set(clerk1.auth).expect(200);
    const code = (
      await api()
        .get(`/api/orders/${orderId}`)
        .set((await signIn(h, 'pk-cross')).auth)
    ).body.pickup.code as string;

    const confirm = await api().post(`/api/staff/pickups/${orderId}/confirm`).set(clerk2.auth).send({ code });
    expect(confirm.status).toBe(403);
    expect(confirm.body).toMatchObject({ code: 'FORBIDDEN', message: '仅限本门店员工操作' });
    expect(JSON.stringify(confirm.body)).not.toContain(code);
    // Store 2 looks the code up among its own codes only.
    const verify = await api().post('/api/staff/pickups/verify').set(clerk2.auth).send({ code });
    expect(verify.status).toBe(404);
    expect(verify.body.code).toBe('PICKUP_CODE_INVALID');
    expect((await orderRow(h, orderId)).status).toBe('ready_for_pickup');
    // Customers are not staff.
    expect(
      (
        await api()
          .post('/api/staff/pickups/verify')
          .set((await signIn(h, 'pk-nostaff')).auth)
          .send({ code })
      ).status,
    ).toBe(403);
  });

  it('verifies by typed code or scanned QR, then hands over exactly once under 10 concurrent confirms', async () => {
    const { customer, skuId, orderId, code } = await readyOrder('pk-confirm');
    const before = await stockRow(h, skuId);
    const verified = await api()
      .post('/api/staff/pickups/verify')
      .set(clerk1.auth)
      .set(ua)
      .send({ code: `PICKUP:${code}` });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ orderId, status: 'ready_for_pickup', items: [{ qty: 1 }] });
    expect((await api().post('/api/staff/pickups/verify').set(clerk1.auth).send({ code })).body.orderId).toBe(orderId);

    const confirms = await Promise.all(
      Array.from({ length: 10 }, () => api().post(`/api/staff/pickups/${orderId}/confirm`).set(clerk1.auth).set(ua).send({ code })),
    );
    expect(confirms.filter((r) => r.status === 200)).toHaveLength(1);
    expect(
      confirms
        .filter((r) => r.status === 409)
        .every((r) => r.body.code === 'PICKUP_ALREADY_DONE' || r.body.code === 'PICKUP_CODE_INVALID' || r.body.code === 'ORDER_NOT_READY'),
    ).toBe(true);
    expect(confirms.filter((r) => r.status !== 200).every((r) => r.status === 409 || r.status === 404)).toBe(true);

    const order = await orderRow(h, orderId);
    expect(order.status).toBe('completed');
    const after = await stockRow(h, skuId);
    expect({ onHand: after.onHand, reserved: after.reserved }).toEqual({ onHand: before.onHand - 1, reserved: before.reserved - 1 });
    const commits = await h.deps.db
      .select()
      .from(inventoryLedger)
      .where(and(eq(inventoryLedger.reference, order.orderNo), eq(inventoryLedger.kind, 'commit')));
    expect(commits).toHaveLength(1);
    const points = await h.deps.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.memberId, customer.memberId), eq(pointsLedger.reference, order.orderNo)));
    expect(points).toHaveLength(1);
    expect(points[0].delta).toBeGreaterThan(0);
    const [member] = await h.deps.db.select().from(members).where(eq(members.id, customer.memberId));
    expect(member.totalSpentFen).toBe(order.paidFen);
    const audits = await h.deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, 'pickup.confirm'), eq(staffAuditLog.targetId, String(orderId))));
    expect(audits).toEqual([expect.objectContaining({ staffId: expect.any(Number), storeId: 1, userAgent: 'till-phone/1.0 (test)' })]);
    // The used code no longer opens anything; the customer page stops showing it.
    expect((await api().post('/api/staff/pickups/verify').set(clerk1.auth).send({ code })).status).toBe(404);
    expect((await api().get(`/api/orders/${orderId}`).set(customer.auth)).body.pickup).toBeNull();
  });

  const verify = (who: Customer, code: string) => api().post('/api/staff/pickups/verify').set(who.auth).set(ua).send({ code });
  const wrongTimes = async (who: Customer, wrong: string, times = 10) => {
    const statuses = [];
    for (let i = 0; i < times; i++) statuses.push((await verify(who, wrong)).status);
    return statuses;
  };
  const auditsOf = (action: string) =>
    h.deps.db
      .select()
      .from(staffAuditLog)
      .where(and(eq(staffAuditLog.action, action), eq(staffAuditLog.targetId, '1')))
      .orderBy(staffAuditLog.id);

  it('locks only the staff member who typed 10 wrong codes; colleagues still verify; the manager sees the lockout', async () => {
    const { code } = await readyOrder('pk-brute');
    await clearLockouts();
    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect(await wrongTimes(clerk1, wrong)).toEqual(Array(10).fill(404));
    const locked = await verify(clerk1, code);
    expect(locked.status).toBe(429);
    expect(locked.body.message).toBe('取货码错误次数过多，请 1 分钟后再试');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // One session cannot stop the store: the manager (and every other colleague) goes on verifying.
    expect((await verify(manager1, code)).status).toBe(200);
    expect(await auditsOf('pickup.store_locked')).toHaveLength(0);

    const metrics = await api().get('/api/staff/metrics').set(manager1.auth);
    expect(metrics.status).toBe(200);
    expect(metrics.body.lockouts.length).toBeGreaterThanOrEqual(1);
    expect(metrics.body.lockouts[0]).toMatchObject({ nickname: '文三路店·小周' });
    expect((await api().get('/api/staff/metrics').set(clerk1.auth)).status).toBe(403);
    await clearLockouts();
  });

  it('locks the store once three different staff members locked themselves out, audits who, and lets the manager lift it', async () => {
    const { code } = await readyOrder('pk-brute-store');
    const wrong = code === '00000000' ? '00000001' : '00000000';
    const extra = await Promise.all(['pk-clerk-a', 'pk-clerk-b'].map((o) => signIn(h, o)));
    await h.deps.db.insert(staff).values(extra.map((c) => ({ memberId: c.memberId, storeId: 1, role: 'clerk' as const })));
    await clearLockouts([...extra.map((c) => c.openid)]);
    const before = (await auditsOf('pickup.store_locked')).length;

    // Two staff members locked out: still only themselves.
    expect(await wrongTimes(clerk1, wrong)).toEqual(Array(10).fill(404));
    expect(await wrongTimes(extra[0], wrong)).toEqual(Array(10).fill(404));
    expect((await verify(manager1, code)).status).toBe(200);
    // The third trips the store lock: every staff member of the store, the manager too, waits.
    expect(await wrongTimes(extra[1], wrong)).toEqual(Array(10).fill(404));
    const storeLocked = await verify(manager1, code);
    expect(storeLocked.status).toBe(429);
    expect(storeLocked.body.message).toBe('本店取货码错误次数过多，核销已暂停，请店长解除后再试');
    expect(Number(storeLocked.headers['retry-after'])).toBeGreaterThan(60);

    const tripped = (await auditsOf('pickup.store_locked')).slice(before);
    const ids = await Promise.all(['demo-clerk-1', ...extra.map((c) => c.openid)].map(staffIdOf));
    expect(tripped).toEqual([
      expect.objectContaining({
        staffId: ids[2],
        storeId: 1,
        userAgent: ua['User-Agent'],
        detail: expect.objectContaining({ staffIds: expect.arrayContaining(ids) }),
      }),
    ]);

    // A clerk cannot lift it; the manager can, and that is audited too.
    expect((await api().post('/api/staff/pickups/unlock').set(clerk1.auth).send({})).status).toBe(403);
    const lifted = await api().post('/api/staff/pickups/unlock').set(manager1.auth).set(ua).send({});
    expect(lifted.status).toBe(200);
    expect(lifted.body).toEqual({ storeId: 1, wasLocked: true });
    expect((await auditsOf('pickup.store_unlocked')).at(-1)).toMatchObject({
      staffId: await staffIdOf('demo-manager-1'),
      detail: { wasLocked: true, staffIds: expect.arrayContaining(ids) },
    });
    expect((await verify(manager1, code)).status).toBe(200);
    // Each one's own lock runs out on its own.
    expect((await verify(clerk1, code)).status).toBe(429);
    await clearLockouts([...extra.map((c) => c.openid)]);
  });

  /** Earlier tests' wrong attempts (a used code looked up again) count in the same minute. */
  async function clearLockouts(more: string[] = []) {
    await h.deps.redis.del([
      `${h.deps.config.rateLimits.keyPrefix}:pickup:{1}:locked_staff`,
      `${h.deps.config.rateLimits.keyPrefix}:pickup:{1}:store_lock`,
      ...(await Promise.all(
        ['demo-clerk-1', 'demo-manager-1', ...more].map(
          async (o) => `${h.deps.config.rateLimits.keyPrefix}:pickup_staff:${await staffIdOf(o)}`,
        ),
      )),
    ]);
  }

  async function staffIdOf(openid: string): Promise<number> {
    const [row] = await h.deps.db
      .select({ id: staff.id })
      .from(staff)
      .innerJoin(members, eq(members.id, staff.memberId))
      .where(eq(members.openid, openid));
    return row.id;
  }

  it('reminds once on day 3 and refunds and restocks on day 8, however often the jobs run', async () => {
    const { skuId, orderId, customer } = await readyOrder('pk-overdue');
    const stockBefore = await stockRow(h, skuId);
    const start = h.clock.now();
    try {
      h.clock.advance(2 * 86_400_000);
      expect(await remindUncollected(h.deps)).toBe(0);
      h.clock.advance(86_400_000 + 1000);
      await Promise.all([remindUncollected(h.deps), remindUncollected(h.deps)]);
      await remindUncollected(h.deps);
      const reminders = await h.deps.db
        .select()
        .from(outbox)
        .where(eq(outbox.dedupeKey, `pickup.reminder:${orderId}`));
      expect(reminders).toHaveLength(1);
      expect(reminders[0].payload).toMatchObject({ memberId: customer.memberId, reminder: true });

      expect((await orderRow(h, orderId)).status).toBe('ready_for_pickup');
      h.clock.advance(5 * 86_400_000);
      await Promise.all([refundUncollected(h.deps), refundUncollected(h.deps)]);
      await refundUncollected(h.deps);
      await eventually(async () => expect((await orderRow(h, orderId)).status).toBe('refunded'));
      const order = await orderRow(h, orderId);
      expect(order.refundedFen).toBe(order.paidFen);
      const after = await stockRow(h, skuId);
      expect({ onHand: after.onHand, reserved: after.reserved }).toEqual({
        onHand: stockBefore.onHand,
        reserved: stockBefore.reserved - 1,
      });
      const [code] = await h.deps.db.select().from(pickupCodes).where(eq(pickupCodes.orderId, orderId));
      expect(code.status).toBe('void');
      await refundUncollected(h.deps);
      expect(await h.deps.db.select().from(refunds).where(eq(refunds.orderId, orderId))).toEqual([
        expect.objectContaining({ source: 'pickup_overdue', status: 'succeeded' }),
      ]);
    } finally {
      h.clock.set(start);
    }
  });

  it('gives managers today’s GMV by channel and the pickup pipeline of their store', async () => {
    await paidOrder('pk-metrics');
    const metrics = await api().get('/api/staff/metrics').set(manager1.auth);
    expect(metrics.status).toBe(200);
    const online = metrics.body.gmvByChannel.find((g: { channel: string }) => g.channel === 'online');
    expect(online.orders).toBeGreaterThanOrEqual(1);
    expect(online.gmvFen).toBeGreaterThan(0);
    expect(metrics.body.pickups.preparing).toBeGreaterThanOrEqual(1);
    expect(metrics.body.gmvByChannel.map((g: { channel: string }) => g.channel)).toEqual(['online', 'live', 'offline']);
  });

  it('registers the pickup jobs on the orders queue', () => {
    expect(Object.keys(orderJobs)).toEqual(expect.arrayContaining(['pickup-reminders', 'pickup-refunds']));
  });
});
