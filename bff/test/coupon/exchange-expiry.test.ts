import { and, eq, sql } from 'drizzle-orm';
import { members, outbox, pointsExchangeItems, pointsLedger, userCoupons } from '@shop/db';
import { couponMetrics, expireLapsedCoupons, remindExpiringCoupons } from '../../src/modules/coupon';
import { changePoints } from '../../src/modules/member/points';
import { startCouponHarness, type CouponHarness } from './harness';

// 2026-12-03 10:00 in Shanghai.
const START = new Date('2026-12-03T02:00:00.000Z');
let h: CouponHarness;
let keys = 0;
const key = () => `exchange-${process.pid}-${++keys}`;

beforeAll(async () => {
  h = await startCouponHarness('coupon-exchange', START);
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function givePoints(memberId: number, points: number) {
  await h.deps.db.transaction((tx) => changePoints(tx, { memberId, delta: points, reason: 'adjust', reference: key() }));
}

async function exchangeItem(templateCode: string) {
  const template = await h.templateByCode(templateCode);
  const [item] = await h.deps.db.select().from(pointsExchangeItems).where(eq(pointsExchangeItems.templateId, template.id));
  return { template, item };
}

const balanceOf = async (memberId: number) => (await h.deps.db.select().from(members).where(eq(members.id, memberId)))[0].pointsBalance;

describe('积分兑换', () => {
  it('debits the points and issues the coupon in one transaction; a retry with the same key buys nothing twice', async () => {
    const { template, item } = await exchangeItem('PTS-NT-5');
    const customer = await h.signIn();
    await givePoints(customer.memberId, 1200);
    const listed = await h.call('GET', '/api/points/exchange', { auth: customer.auth });
    expect(listed.body.pointsBalance).toBe(1200);
    expect(listed.body.items.find((i: { id: number }) => i.id === item.id)).toMatchObject({ pointsCost: 500, affordable: true });

    const headers = { 'Idempotency-Key': key() };
    const first = await h.call('POST', '/api/points/exchange', { auth: customer.auth, headers, body: { itemId: item.id } });
    expect(first).toMatchObject({
      status: 201,
      body: { pointsSpent: 500, pointsBalance: 700, coupon: { templateId: template.id, source: 'points' } },
    });
    const retry = await h.call('POST', '/api/points/exchange', { auth: customer.auth, headers, body: { itemId: item.id } });
    expect(retry.status).toBe(201);
    expect(retry.body.coupon.id).toBe(first.body.coupon.id);
    expect(await balanceOf(customer.memberId)).toBe(700);
    expect((await h.couponsOf(customer.memberId)).filter((c) => c.templateId === template.id)).toHaveLength(1);
    const [after] = await h.deps.db.select().from(pointsExchangeItems).where(eq(pointsExchangeItems.id, item.id));
    expect(after.stock).toBe(item.stock - 1);
  });

  it('refuses the same key for another item (422) and buys nothing; the same item still answers the first coupon', async () => {
    const first = await exchangeItem('PTS-NT-5');
    const second = await exchangeItem('PTS-150-20');
    const customer = await h.signIn();
    await givePoints(customer.memberId, 5000);
    const headers = { 'Idempotency-Key': key() };
    const bought = await h.call('POST', '/api/points/exchange', { auth: customer.auth, headers, body: { itemId: first.item.id } });
    expect(bought.status).toBe(201);
    const balance = await balanceOf(customer.memberId);

    const other = await h.call('POST', '/api/points/exchange', { auth: customer.auth, headers, body: { itemId: second.item.id } });
    expect(other).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(other.body.message).toContain('该请求编号已用于另一笔不同的兑换');
    expect(await balanceOf(customer.memberId)).toBe(balance);
    expect((await h.couponsOf(customer.memberId)).filter((c) => c.templateId === second.template.id)).toHaveLength(0);

    const retry = await h.call('POST', '/api/points/exchange', { auth: customer.auth, headers, body: { itemId: first.item.id } });
    expect(retry.status).toBe(201);
    expect(retry.body.coupon.id).toBe(bought.body.coupon.id);
  });

  it('refuses with too few points and changes nothing', async () => {
    const { template, item } = await exchangeItem('PTS-150-20');
    const customer = await h.signIn();
    await givePoints(customer.memberId, 1000);
    const answer = await h.call('POST', '/api/points/exchange', {
      auth: customer.auth,
      headers: { 'Idempotency-Key': key() },
      body: { itemId: item.id },
    });
    expect(answer).toMatchObject({ status: 422, body: { code: 'POINTS_INSUFFICIENT', message: '积分不足，还差 500 积分' } });
    expect(await balanceOf(customer.memberId)).toBe(1000);
    expect((await h.couponsOf(customer.memberId)).filter((c) => c.templateId === template.id)).toHaveLength(0);
    expect((await h.templateRow(template.id)).issuedCount).toBe(template.issuedCount);
  });

  it('rolls back both when the database fails between issuing the coupon and debiting the points', async () => {
    const { template, item } = await exchangeItem('PTS-BEAUTY-90');
    const customer = await h.signIn();
    await givePoints(customer.memberId, 3000);
    const issuedBefore = (await h.templateRow(template.id)).issuedCount;
    // A real fault inside MariaDB: the points debit of this member fails after the coupon row and counter were written.
    await h.deps.db.execute(sql.raw(`DROP TRIGGER IF EXISTS fail_points_debit`));
    await h.deps.db.execute(
      sql.raw(`CREATE TRIGGER fail_points_debit BEFORE INSERT ON points_ledger FOR EACH ROW
        BEGIN IF NEW.reason = 'exchange' AND NEW.member_id = ${customer.memberId} THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected fault'; END IF; END`),
    );
    try {
      const answer = await h.call('POST', '/api/points/exchange', {
        auth: customer.auth,
        headers: { 'Idempotency-Key': key() },
        body: { itemId: item.id },
      });
      expect(answer.status).toBe(500);
    } finally {
      await h.deps.db.execute(sql.raw(`DROP TRIGGER IF EXISTS fail_points_debit`));
    }
    expect(await balanceOf(customer.memberId)).toBe(3000);
    expect((await h.couponsOf(customer.memberId)).filter((c) => c.templateId === template.id)).toHaveLength(0);
    expect((await h.templateRow(template.id)).issuedCount).toBe(issuedBefore);
    const [after] = await h.deps.db.select().from(pointsExchangeItems).where(eq(pointsExchangeItems.id, item.id));
    expect(after.stock).toBe(item.stock);
    const ledger = await h.deps.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.memberId, customer.memberId), eq(pointsLedger.reason, 'exchange')));
    expect(ledger).toHaveLength(0);

    // Once the fault is gone the same exchange goes through.
    const retry = await h.call('POST', '/api/points/exchange', {
      auth: customer.auth,
      headers: { 'Idempotency-Key': key() },
      body: { itemId: item.id },
    });
    expect(retry).toMatchObject({ status: 201, body: { pointsBalance: 2000 } });
  });
});

describe('expiry at the end of the last Asia/Shanghai day', () => {
  it('a 1-day coupon claimed at 23:59 is good until 23:59:59.999 and expired at 00:00', async () => {
    h.clock.set(new Date('2026-12-04T15:59:00.000Z')); // 23:59 on 4 December in Shanghai
    const template = await h.createTemplate({ name: '当日有效', validDays: 1 });
    const customer = await h.signIn();
    const claimed = await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    expect(claimed.body.coupon).toMatchObject({
      validTo: '2026-12-04T15:59:59.999Z',
      validityText: '2026.12.04-2026.12.04',
      expiringSoon: true,
    });

    h.clock.set(new Date('2026-12-04T15:59:59.999Z'));
    expect(
      (await h.call('GET', '/api/me/coupons?tab=available', { auth: customer.auth })).body.items.map((c: { id: number }) => c.id),
    ).toContain(claimed.body.coupon.id);
    expect(await expireLapsedCoupons(h.deps)).toEqual({ expired: 0 });

    h.clock.set(new Date('2026-12-04T16:00:00.000Z')); // 00:00 on the 5th
    const tabs = await h.call('GET', '/api/me/coupons?tab=expired', { auth: customer.auth });
    expect(tabs.body.items.map((c: { id: number }) => c.id)).toContain(claimed.body.coupon.id);
    expect(tabs.body.items.find((c: { id: number }) => c.id === claimed.body.coupon.id).status).toBe('expired');
    const swept = await expireLapsedCoupons(h.deps);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const [row] = await h.deps.db.select().from(userCoupons).where(eq(userCoupons.id, claimed.body.coupon.id));
    expect(row.status).toBe('expired');
  });

  it('"N days" counts the claim day: 7 days from 10:00 on the 3rd ends at the close of the 9th', async () => {
    h.clock.set(START);
    const template = await h.createTemplate({ name: '七天有效', validDays: 7 });
    const customer = await h.signIn();
    const claimed = await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    expect(claimed.body.coupon.validTo).toBe('2026-12-09T15:59:59.999Z');
  });

  it('a fixed window given in dates runs from 00:00 of the first day to the end of the last', async () => {
    h.clock.set(START);
    const template = await h.createTemplate({
      name: '固定窗口',
      validity: 'fixed',
      validDays: null,
      validFromDate: '2026-12-01',
      validToDate: '2026-12-31',
    });
    expect(await h.templateRow(template.id)).toMatchObject({
      validFrom: new Date('2026-11-30T16:00:00.000Z'),
      validTo: new Date('2026-12-31T15:59:59.999Z'),
    });
  });

  it('reminds once, the day before, per member (one message for several coupons)', async () => {
    h.clock.set(new Date('2026-12-10T02:00:00.000Z')); // 10:00 on the 10th
    const template = await h.createTemplate({ name: '明天到期', validDays: 2, perUserLimit: 2 });
    const customer = await h.signIn();
    await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    // Both end at the close of the 11th: tomorrow.
    await Promise.all([remindExpiringCoupons(h.deps), remindExpiringCoupons(h.deps)]);
    await remindExpiringCoupons(h.deps);
    const rows = await h.deps.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `coupon.expiring:${customer.memberId}:2026-12-11`));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      topic: 'coupon.expiring',
      status: 'pending',
      payload: expect.objectContaining({ count: 2, couponName: '明天到期' }),
    });
  });
});

describe('templates are validated with a clear Chinese message', () => {
  it.each([
    [{ kind: 'percent', percent: 0, amountOffFen: null }, '折扣须在 0.1 折到 9.9 折之间（percent 1–99）'],
    [{ kind: 'percent', percent: 110, amountOffFen: null }, '折扣须在 0.1 折到 9.9 折之间（percent 1–99）'],
    [{ kind: 'threshold', amountOffFen: 2000, thresholdFen: 0 }, '满减券须设置使用门槛'],
    [{ kind: 'threshold', amountOffFen: 2000, thresholdFen: 1000 }, '减免金额须小于使用门槛'],
    [{ scope: 'categories', scopeIds: [] }, '请选择适用分类'],
    [{ validity: 'fixed', validDays: null, validFromDate: '2026-12-31', validToDate: '2026-12-01' }, '结束日期不能早于开始日期'],
  ])('%o → %s', async (overrides, message) => {
    const { auth } = await h.admin();
    const answer = await h.call('POST', '/api/admin/coupon-templates', {
      auth,
      body: {
        name: '坏券',
        kind: 'no_threshold',
        amountOffFen: 500,
        source: 'center',
        validity: 'relative',
        validDays: 7,
        totalQuantity: 100,
        ...overrides,
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(message);
  });

  it('only head office may write templates', async () => {
    const customer = await h.signIn();
    const body = {
      name: '越权券',
      kind: 'no_threshold',
      amountOffFen: 500,
      source: 'center',
      validity: 'relative',
      validDays: 7,
      totalQuantity: 100,
    };
    const answer = await h.call('POST', '/api/admin/coupon-templates', { auth: customer.auth, body });
    expect(answer.status).toBe(403);
  });

  it('freezes the money rule once a coupon was issued, and never lets the quantity drop below what was issued', async () => {
    const { auth } = await h.admin();
    const template = await h.createTemplate({ name: '冻结规则', totalQuantity: 5 });
    const customer = await h.signIn();
    await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    expect(await h.call('PATCH', `/api/admin/coupon-templates/${template.id}`, { auth, body: { amountOffFen: 800 } })).toMatchObject({
      status: 422,
      body: { code: 'COUPON_RULE_LOCKED' },
    });
    expect(await h.call('PATCH', `/api/admin/coupon-templates/${template.id}`, { auth, body: { totalQuantity: 0 } })).toMatchObject({
      status: 400,
    });
    const grown = await h.call('PATCH', `/api/admin/coupon-templates/${template.id}`, {
      auth,
      body: { totalQuantity: 50, name: '冻结规则（加量）' },
    });
    expect(grown).toMatchObject({ status: 200, body: { totalQuantity: 50, name: '冻结规则（加量）', issuedCount: 1 } });
    const listed = await h.call('GET', '/api/admin/coupon-templates', { auth });
    expect(listed.body.items.find((t: { id: number }) => t.id === template.id).stats).toEqual({ issued: 1, used: 0, expired: 0 });
  });
});

describe('coupon metrics for operators', () => {
  it('counts issued, used and expired per template and source, with the redemption rate', async () => {
    h.clock.set(START);
    const template = await h.createTemplate({ name: '指标券', validDays: 1, perUserLimit: 1, totalQuantity: 10 });
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const customer = await h.signIn();
      ids.push((await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } })).body.coupon.id);
    }
    await h.deps.db.update(userCoupons).set({ status: 'used', usedChannel: 'offline' }).where(eq(userCoupons.id, ids[0]));
    await h.deps.db.update(userCoupons).set({ status: 'used', usedChannel: 'online' }).where(eq(userCoupons.id, ids[1]));
    // created_at is the database's time, so the period is around the wall clock.
    const wall = new Date();
    const period = { from: new Date(wall.getTime() - 3_600_000), to: new Date(wall.getTime() + 3_600_000) };
    const afterEnd = new Date('2026-12-05T00:00:00.000Z');
    const rows = await couponMetrics(h.deps.db, period, afterEnd);
    expect(rows.find((r) => r.templateId === template.id)).toEqual({
      templateId: template.id,
      templateName: '指标券',
      source: 'center',
      issued: 4,
      used: 2,
      usedOffline: 1,
      expired: 2,
      redemptionRate: 0.5,
    });
  });
});
