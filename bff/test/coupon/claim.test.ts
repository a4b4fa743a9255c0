import { and, eq, gt } from 'drizzle-orm';
import { inventory, orders, products, skus, statusChanges, userCoupons } from '@shop/db';
import { startCouponHarness, type CouponHarness } from './harness';

let h: CouponHarness;

beforeAll(async () => {
  h = await startCouponHarness('coupon-claim');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('claiming is atomic under real parallel requests', () => {
  it('500 parallel claims of a template with 100 left issue exactly 100, one per member', async () => {
    const template = await h.createTemplate({ name: '限量100张', totalQuantity: 100, perUserLimit: 1 });
    const customers = [];
    for (let i = 0; i < 250; i++) customers.push(await h.signIn());

    // Each customer asks twice at once: 500 requests in flight together.
    const answers = await Promise.all(
      customers.flatMap((c) => [0, 1].map(() => h.call('POST', '/api/coupons/claim', { auth: c.auth, body: { templateId: template.id } }))),
    );

    const issued = await h.couponsOfTemplate(template.id);
    expect(issued).toHaveLength(100);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(100);
    const perMember = new Map<number, number>();
    for (const coupon of issued) perMember.set(coupon.memberId, (perMember.get(coupon.memberId) ?? 0) + 1);
    expect(Math.max(...perMember.values())).toBe(1);
    expect((await h.templateRow(template.id)).issuedCount).toBe(100);
    // Everybody else was told why, in Chinese: sold out, or already at the limit.
    const refusals = new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.code}`));
    expect([...refusals].sort()).toEqual(['409 COUPON_LIMIT_REACHED', '409 COUPON_SOLD_OUT']);
  }, 180_000);

  it('one member firing 20 claims at once gets exactly the per-user limit', async () => {
    const template = await h.createTemplate({ name: '每人限3张', totalQuantity: 1000, perUserLimit: 3 });
    const customer = await h.signIn();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect((await h.couponsOf(customer.memberId)).filter((c) => c.templateId === template.id)).toHaveLength(3);
    expect((await h.templateRow(template.id)).issuedCount).toBe(3);
  }, 60_000);
});

describe('the claim centre', () => {
  it('shows what is left and 已领取 once the member reached the limit', async () => {
    const template = await h.createTemplate({ name: '中心展示券', totalQuantity: 10, perUserLimit: 1 });
    const customer = await h.signIn();
    const before = await h.call('GET', '/api/coupons/center', { auth: customer.auth });
    expect(before.body.items.find((i: { templateId: number }) => i.templateId === template.id)).toMatchObject({
      state: 'claimable',
      remaining: 10,
      claimedByMe: 0,
      face: { value: '5', unit: 'yuan', label: '无门槛减5' },
      validityText: '领取后7天内有效',
    });

    const claimed = await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } });
    expect(claimed.status).toBe(201);
    expect(claimed.body.coupon).toMatchObject({ templateId: template.id, status: 'available', source: 'center' });

    const after = await h.call('GET', '/api/coupons/center', { auth: customer.auth });
    expect(after.body.items.find((i: { templateId: number }) => i.templateId === template.id)).toMatchObject({
      state: 'claimed',
      remaining: 9,
      claimedByMe: 1,
      claimedPercent: 10,
    });
    // A visitor who is not signed in sees the offer too.
    const anonymous = await h.call('GET', '/api/coupons/center');
    expect(anonymous.body.items.find((i: { templateId: number }) => i.templateId === template.id)).toMatchObject({ state: 'claimable' });
  });

  it('refuses templates it does not offer: a points coupon cannot be claimed for free', async () => {
    const points = await h.templateByCode('PTS-NT-5');
    const customer = await h.signIn();
    const answer = await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: points.id } });
    expect(answer).toMatchObject({ status: 422, body: { code: 'COUPON_NOT_OFFERED_HERE' } });
    expect(await h.couponsOf(customer.memberId)).toEqual(expect.not.arrayContaining([expect.objectContaining({ templateId: points.id })]));
  });

  it('keeps paused and ended templates closed, and 新客 / tier templates for their audience', async () => {
    const { auth: adminAuth } = await h.admin();
    const customer = await h.signIn();
    const paused = await h.createTemplate({ name: '暂停券' });
    expect((await h.call('POST', `/api/admin/coupon-templates/${paused.id}/pause`, { auth: adminAuth })).body.status).toBe('paused');
    expect(await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: paused.id } })).toMatchObject({
      status: 422,
      body: { code: 'COUPON_PAUSED' },
    });
    expect((await h.call('POST', `/api/admin/coupon-templates/${paused.id}/end`, { auth: adminAuth })).body.status).toBe('ended');
    expect(await h.call('POST', `/api/admin/coupon-templates/${paused.id}/resume`, { auth: adminAuth })).toMatchObject({
      status: 409,
      body: { code: 'COUPON_TEMPLATE_STATE_CONFLICT' },
    });
    const history = await h.deps.db
      .select({ event: statusChanges.event })
      .from(statusChanges)
      .where(and(eq(statusChanges.entity, 'coupon_template'), eq(statusChanges.entityId, paused.id)));
    expect(history.map((r) => r.event)).toEqual(['pause', 'end']);

    const gold = await h.createTemplate({ name: '金卡专享', audience: 'tiers', audienceTiers: ['gold'] });
    expect(await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: gold.id } })).toMatchObject({
      status: 422,
      body: { code: 'COUPON_TIER_NOT_ALLOWED' },
    });

    const newcomers = await h.createTemplate({ name: '新客专享', audience: 'new_customer' });
    const regular = await h.signIn();
    // A till sale paid earlier makes this member a regular (新客 are members who never paid).
    await h.deps.db.insert(orders).values({
      orderNo: `T${Date.now()}`,
      memberId: regular.memberId,
      storeId: 1,
      channel: 'offline',
      fulfillment: 'in_store',
      status: 'completed',
      itemsTotalFen: 1000,
      payableFen: 1000,
      paidAt: h.clock.now(),
    });
    expect(await h.call('POST', '/api/coupons/claim', { auth: regular.auth, body: { templateId: newcomers.id } })).toMatchObject({
      status: 422,
      body: { code: 'COUPON_NEW_CUSTOMERS_ONLY' },
    });
    expect((await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: newcomers.id } })).status).toBe(201);
  });
});

describe('新人券 on first login', () => {
  it('is issued once per person: not again on a second login or from a second device', async () => {
    const newcomer = await h.templateByCode('NEW-NT-15');
    const first = await h.signIn('newcomer-once');
    await h.signIn('newcomer-once');
    await Promise.all([h.signIn('newcomer-once'), h.signIn('newcomer-once')]);
    const held = (await h.couponsOf(first.memberId)).filter((c) => c.templateId === newcomer.id);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ source: 'new_customer', issueKey: 'new_customer', status: 'available' });
  });

  it('is not handed to a member who existed before (a later login is not a first one)', async () => {
    const newcomer = await h.templateByCode('NEW-NT-15');
    const old = await h.signIn('old-member');
    await h.deps.db.delete(userCoupons).where(and(eq(userCoupons.memberId, old.memberId), eq(userCoupons.templateId, newcomer.id)));
    await h.signIn('old-member');
    expect((await h.couponsOf(old.memberId)).filter((c) => c.templateId === newcomer.id)).toHaveLength(0);
  });
});

describe('templates offered through other sources', () => {
  it('邀请好友领券 lists the share templates with their goal and reward', async () => {
    const share = await h.templateByCode('SHARE-NT-8');
    const reward = await h.templateByCode('SHARE-REWARD-99-20');
    const answer = await h.call('GET', '/api/coupons/shareable');
    expect(answer.body.items.find((t: { templateId: number }) => t.templateId === share.id)).toMatchObject({
      shareGoal: 3,
      reward: { templateId: reward.id, face: { label: '满99减20' } },
      face: { label: '无门槛减8' },
    });
  });

  it("生成领券码 lists the store's 扫码领券 templates to staff only", async () => {
    const qr = await h.templateByCode('QR-99-15');
    const clerk = await h.signIn('demo-clerk-1');
    const listed = await h.call('GET', '/api/staff/coupon-templates', { auth: clerk.auth });
    expect(listed.body.items.map((t: { templateId: number }) => t.templateId)).toContain(qr.id);
    expect(listed.body.items.every((t: { remaining: number }) => t.remaining > 0)).toBe(true);
    const customer = await h.signIn();
    expect((await h.call('GET', '/api/staff/coupon-templates', { auth: customer.auth })).status).toBe(403);
  });
});

describe('the best coupon at checkout', () => {
  it('takes the largest discount, and on a tie the coupon that ends first', async () => {
    const [line] = await h.deps.db
      .select({ skuId: skus.id, priceFen: skus.priceFen })
      .from(inventory)
      .innerJoin(skus, eq(skus.id, inventory.skuId))
      .innerJoin(products, eq(products.id, skus.productId))
      .where(
        and(
          eq(inventory.storeId, 1),
          gt(inventory.onHand, 5),
          eq(products.status, 'on_sale'),
          eq(skus.status, 'active'),
          gt(skus.priceFen, 30000),
        ),
      )
      .limit(1);
    const customer = await h.signIn();
    const claim = async (overrides: Record<string, unknown>) => {
      const template = await h.createTemplate({ kind: 'threshold', thresholdFen: 10000, perUserLimit: 1, ...overrides });
      return (await h.call('POST', '/api/coupons/claim', { auth: customer.auth, body: { templateId: template.id } })).body.coupon
        .id as number;
    };
    const quote = async () =>
      (
        await h.call('POST', '/api/checkout/quote', {
          auth: customer.auth,
          body: { items: [{ skuId: line.skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId: 1 } },
        })
      ).body;

    const later = await claim({ name: '满100减30（7天）', amountOffFen: 3000, validDays: 7 });
    const sooner = await claim({ name: '满100减30（3天）', amountOffFen: 3000, validDays: 3 });
    const tie = await quote();
    expect(tie.coupon.id).toBe(sooner);
    expect(tie.couponDiscountFen).toBe(3000);
    expect(tie.availableCoupons.slice(0, 2).map((c: { id: number }) => c.id)).toEqual([sooner, later]);

    const bigger = await claim({
      name: '8折最高减50',
      kind: 'percent',
      percent: 80,
      amountOffFen: null,
      maxDiscountFen: 5000,
      validDays: 30,
    });
    const best = await quote();
    expect(best.coupon.id).toBe(bigger);
    expect(best.couponDiscountFen).toBe(5000);
    expect(best.availableCoupons[0]).toMatchObject({ id: bigger, discountFen: 5000, usable: true, label: '满100打8折，最高减50' });
  });
});
