import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { attributionVisits, couponShares, couponTemplates, members, shareEvents, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type Account = { auth: { Authorization: string }; memberId: number };

/** 分享领券: a member shares a pack, friends claim from it, the sharer is rewarded once. */
describe('分享领券: /api/coupon-shares', () => {
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let server: http.Server;
  const clock = testClock(new Date('2026-11-22T04:00:00.000Z'));
  let people = 0;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'coupon-share', wechat: sandbox.wechat, now: clock.now });
    await seedDemo(deps.db, clock.now());
    server = http.createServer(buildApp(deps).callback());
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
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
    return { auth: { Authorization: `Bearer ${res.body.token}` }, memberId: res.body.user.id };
  }
  const newPeople = (n: number) => Promise.all(Array.from({ length: n }, () => loginAs(`share-person-${++people}`)));

  async function template(overrides: Partial<typeof couponTemplates.$inferInsert>): Promise<number> {
    const [inserted] = await deps.db.insert(couponTemplates).values({
      code: `SH-T-${randomBytes(4).toString('hex')}`,
      name: '好友分享 无门槛5元',
      kind: 'no_threshold',
      amountOffFen: 500,
      scopeIds: [],
      source: 'share',
      validity: 'relative',
      validDays: 7,
      totalQuantity: 1000,
      perUserLimit: 5,
      ...overrides,
    });
    return inserted.insertId;
  }
  /** A shareable template (goal N) and its reward; the reward is for a tier nobody has, so only an earned reward can issue it. */
  async function shareable(
    goal: number,
    overrides: Partial<typeof couponTemplates.$inferInsert> = {},
    reward: Partial<typeof couponTemplates.$inferInsert> = {},
  ) {
    const rewardId = await template({
      name: '分享奖励 满50减15',
      kind: 'threshold',
      amountOffFen: 1500,
      thresholdFen: 5000,
      source: 'share_reward',
      audience: 'tiers',
      audienceTiers: ['no-such-tier'],
      ...reward,
    });
    const templateId = await template({ shareGoal: goal, shareRewardTemplateId: rewardId, ...overrides });
    return { templateId, rewardId };
  }

  const open = (who: Account, templateId: number) => request(server).post('/api/coupon-shares').set(who.auth).send({ templateId });
  async function opened(who: Account, templateId: number): Promise<number> {
    const res = await open(who, templateId);
    expect(res.status).toBe(200);
    return res.body.shareId;
  }
  const claim = (who: Account, shareId: number, scene = '1007') =>
    request(server).post(`/api/coupon-shares/${shareId}/claim`).set(who.auth).send({ scene });
  const view = (shareId: number, who?: Account) => {
    const req = request(server).get(`/api/coupon-shares/${shareId}`);
    return who ? req.set(who.auth) : req;
  };
  const pack = async (id: number) => (await deps.db.select().from(couponShares).where(eq(couponShares.id, id)))[0];
  const coupons = (templateId: number, memberId?: number) =>
    deps.db
      .select()
      .from(userCoupons)
      .where(
        memberId ? and(eq(userCoupons.templateId, templateId), eq(userCoupons.memberId, memberId)) : eq(userCoupons.templateId, templateId),
      );

  it('opening a pack gives one pack per member and template, a share event each time, and the card path', async () => {
    const { templateId } = await shareable(3);
    const [sharer] = await newPeople(1);
    const first = await open(sharer, templateId);
    expect(first.status).toBe(200);
    expect(first.body.path).toBe(`pages/coupon-share/index?s=${first.body.shareId}&from=${sharer.memberId}`);
    const again = await open(sharer, templateId);
    expect(again.body).toEqual(first.body);
    const packs = await deps.db.select().from(couponShares).where(eq(couponShares.sharerMemberId, sharer.memberId));
    expect(packs).toEqual([expect.objectContaining({ id: first.body.shareId, templateId, claimedCount: 0, rewardedAt: null })]);
    const events = await deps.db.select().from(shareEvents).where(eq(shareEvents.sharerId, sharer.memberId));
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ targetType: 'coupon', targetId: templateId, medium: 'card', path: first.body.path });

    const notShareable = await template({ source: 'center' });
    const refused = await open(sharer, notShareable);
    expect([refused.status, refused.body.code]).toEqual([422, 'COUPON_NOT_SHAREABLE']);
    expect((await open(sharer, 99_999_999)).body.code).toBe('COUPON_TEMPLATE_NOT_FOUND');
    expect((await request(server).post('/api/coupon-shares').send({ templateId })).status).toBe(401);
  });

  it('the landing page shows the rules and the sharer to anyone, the progress only to the sharer; signed in, what I can do', async () => {
    const { templateId, rewardId } = await shareable(3);
    const [sharer, friend] = await newPeople(2);
    await deps.db.update(members).set({ nickname: '小美', avatarUrl: 'https://img.example/a.png' }).where(eq(members.id, sharer.memberId));
    const shareId = await opened(sharer, templateId);

    const anonymous = await view(shareId);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({
      shareId,
      coupon: { templateId, name: '好友分享 无门槛5元', kind: 'no_threshold', amountOffFen: 500, validDays: 7 },
      reward: { templateId: rewardId, name: '分享奖励 满50减15', thresholdFen: 5000 },
      sharer: { memberId: sharer.memberId, nickname: '小美', avatarUrl: 'https://img.example/a.png' },
      goal: 3,
      claimedCount: null,
      rewarded: null,
      mine: false,
      claimedByMe: false,
      state: 'claimable',
    });
    expect((await view(shareId, sharer)).body).toMatchObject({ mine: true, state: 'own', claimedCount: 0, rewarded: false });
    expect((await claim(friend, shareId)).status).toBe(200);
    expect((await view(shareId, friend)).body).toMatchObject({ claimedByMe: true, state: 'claimed', claimedCount: null, rewarded: null });
    expect((await view(shareId, sharer)).body).toMatchObject({ claimedCount: 1, rewarded: false });
    expect((await view(99_999_999)).body.code).toBe('COUPON_SHARE_NOT_FOUND');
  });

  it('the sharer cannot claim from their own pack, and a friend claims once per pack', async () => {
    const { templateId } = await shareable(3);
    const [sharer, friend] = await newPeople(2);
    const shareId = await opened(sharer, templateId);
    const own = await claim(sharer, shareId);
    expect([own.status, own.body.code, own.body.message]).toEqual([
      422,
      'COUPON_SHARE_OWN_PACK',
      '不能领取自己分享的优惠券，快邀请好友来领吧',
    ]);
    expect(await coupons(templateId)).toHaveLength(0);

    const twice = await Promise.all([claim(friend, shareId), claim(friend, shareId), claim(friend, shareId)]);
    expect(twice.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(twice.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(['COUPON_ALREADY_CLAIMED', 'COUPON_ALREADY_CLAIMED']);
    expect(await coupons(templateId, friend.memberId)).toEqual([
      expect.objectContaining({ source: 'share', issueKey: `share:${shareId}` }),
    ]);
    // The refused repeats took nothing from the pack.
    expect((await pack(shareId)).claimedCount).toBe(1);
    expect((await claim(friend, 99_999_999)).body.code).toBe('COUPON_SHARE_NOT_FOUND');
  });

  it('goal 3 and 10 friends claiming at once: 10 friend coupons, exactly one reward, rewarded_at set once', async () => {
    const { templateId, rewardId } = await shareable(3);
    const [sharer, ...friends] = await newPeople(11);
    const shareId = await opened(sharer, templateId);

    const results = await Promise.all(friends.map((friend) => claim(friend, shareId)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Each friend saw the pack's count at their turn, 1 … 10, and the reward from the third on.
    const byCount = results.map((r) => r.body).sort((a, b) => a.claimedCount - b.claimedCount);
    expect(byCount.map((b) => b.claimedCount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byCount.map((b) => b.rewarded)).toEqual([false, false, true, true, true, true, true, true, true, true]);
    expect(byCount.every((b) => b.goal === 3 && b.coupon.templateId === templateId)).toBe(true);

    const friendCoupons = await coupons(templateId);
    expect(friendCoupons).toHaveLength(10);
    expect(new Set(friendCoupons.map((c) => c.memberId))).toEqual(new Set(friends.map((f) => f.memberId)));
    expect(friendCoupons.every((c) => c.source === 'share' && c.issueKey === `share:${shareId}`)).toBe(true);

    const rewards = await coupons(rewardId);
    expect(rewards).toEqual([
      expect.objectContaining({ memberId: sharer.memberId, source: 'share_reward', issueKey: `share_reward:${shareId}` }),
    ]);
    const after = await pack(shareId);
    expect(after.claimedCount).toBe(10);
    expect(after.rewardedAt).not.toBeNull();

    // Touches: sharer → each friend, target the coupon, with the launch scene.
    const visits = await deps.db
      .select()
      .from(attributionVisits)
      .where(and(eq(attributionVisits.sharerId, sharer.memberId), eq(attributionVisits.targetType, 'coupon')));
    expect(visits).toHaveLength(10);
    expect(new Set(visits.map((v) => v.visitorMemberId))).toEqual(new Set(friends.map((f) => f.memberId)));
    expect(visits.every((v) => v.targetId === templateId && v.scene === '1007')).toBe(true);

    // Later friends change nothing about the reward.
    clock.advance(60_000);
    const [late] = await newPeople(1);
    expect((await claim(late, shareId)).body).toMatchObject({ claimedCount: 11, rewarded: true });
    expect((await pack(shareId)).rewardedAt).toEqual(after.rewardedAt);
    expect(await coupons(rewardId)).toHaveLength(1);
    expect((await view(shareId, sharer)).body).toMatchObject({ claimedCount: 11, rewarded: true, state: 'own' });
  });

  it("the template's total still holds: 8 friends, 5 coupons left, 5 claims and a pack count of 5", async () => {
    const { templateId, rewardId } = await shareable(3, { totalQuantity: 5 });
    const [sharer, ...friends] = await newPeople(9);
    const shareId = await opened(sharer, templateId);
    const results = await Promise.all(friends.map((friend) => claim(friend, shareId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array(3).fill([409, 'COUPON_SOLD_OUT']));
    expect((await pack(shareId)).claimedCount).toBe(5);
    expect(await coupons(rewardId)).toHaveLength(1);
    expect((await view(shareId)).body.state).toBe('sold_out');
  });

  it('a reward that cannot be issued leaves the pack unrewarded, and the next friend’s claim issues it', async () => {
    const { templateId, rewardId } = await shareable(1, {}, { totalQuantity: 1 });
    // Someone else's pack takes the only reward coupon first.
    const [sharerA, sharerB, friend1, friend2, friend3] = await newPeople(5);
    const packA = await opened(sharerA, templateId);
    expect((await claim(friend1, packA)).body.rewarded).toBe(true);
    const packB = await opened(sharerB, templateId);
    const first = await claim(friend2, packB);
    expect(first.status).toBe(200); // the friend's coupon does not wait on the sharer's reward
    expect(first.body).toMatchObject({ claimedCount: 1, rewarded: false });
    expect((await pack(packB)).rewardedAt).toBeNull();

    await deps.db.update(couponTemplates).set({ totalQuantity: 2 }).where(eq(couponTemplates.id, rewardId));
    expect((await claim(friend3, packB)).body).toMatchObject({ claimedCount: 2, rewarded: true });
    expect((await pack(packB)).rewardedAt).not.toBeNull();
    expect((await coupons(rewardId)).map((c) => c.memberId).sort()).toEqual([sharerA.memberId, sharerB.memberId].sort());
  });

  it('members claiming from each other’s packs at once, each completing the goal, do not deadlock', async () => {
    const { templateId, rewardId } = await shareable(1);
    const crowd = await newPeople(6);
    const packs = await Promise.all(crowd.map((who) => opened(who, templateId)));
    // Everyone claims from everyone else's pack at the same moment: 30 claims, 6 goals met at once.
    const claims = crowd.flatMap((who, i) => packs.filter((_, j) => j !== i).map((shareId) => claim(who, shareId)));
    const results = await Promise.all(claims);
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(await coupons(rewardId)).toHaveLength(6);
    for (const shareId of packs) expect(await pack(shareId)).toMatchObject({ claimedCount: 5, rewardedAt: expect.any(Date) });
  });
});
