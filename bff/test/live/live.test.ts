import { eq } from 'drizzle-orm';
import { liveCouponDrops, liveProducts, liveRooms, products, skus, staffAuditLog, type LiveStatus } from '@shop/db';
import { startCouponHarness, type CouponHarness } from '../coupon/harness';

/*
 * Live rooms through HTTP (docs/domain.md#live-links): the computed status, the customer reads,
 * and coupon drops claimed only during the broadcast through the coupon module's atomic claim.
 * The clock is the test's; each test builds its rooms relative to it and puts it back.
 */
let h: CouponHarness;
const MIN = 60_000;

beforeAll(async () => {
  h = await startCouponHarness('live-rooms');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

let rooms = 0;
async function room(options: { starts: number; ends: number; override?: LiveStatus | null; title?: string }): Promise<number> {
  const now = h.clock.now().getTime();
  const [inserted] = await h.deps.db.insert(liveRooms).values({
    code: `t-live-${process.pid}-${++rooms}`,
    title: options.title ?? `测试直播间${rooms}`,
    coverUrl: '/media/live/test.svg',
    hostName: '主播小测',
    description: '测试直播',
    startsAt: new Date(now + options.starts * MIN),
    endsAt: new Date(now + options.ends * MIN),
    statusOverride: options.override ?? null,
    finderUserName: 'sphTest001',
  });
  return inserted.insertId;
}

async function drop(liveRoomId: number, templateId: number, atMinutes: number): Promise<number> {
  const [inserted] = await h.deps.db
    .insert(liveCouponDrops)
    .values({ liveRoomId, templateId, dropAt: new Date(h.clock.now().getTime() + atMinutes * MIN) });
  return inserted.insertId;
}

/** Runs `body` with the clock moved by `minutes`, then puts it back. */
async function at<T>(minutes: number, body: () => Promise<T>): Promise<T> {
  h.clock.advance(minutes * MIN);
  try {
    return await body();
  } finally {
    h.clock.advance(-minutes * MIN);
  }
}

const liveTemplate = (overrides: Record<string, unknown> = {}) =>
  h.createTemplate({ name: '直播专享减5', source: 'live', totalQuantity: 100, perUserLimit: 5, ...overrides });
const claim = (auth: Record<string, string>, liveRoomId: number, dropId: number) =>
  h.call('POST', `/api/lives/${liveRoomId}/drops/${dropId}/claim`, { auth });

describe('GET /api/lives', () => {
  it('lists 直播中 first, then 预告 by start; ended, ended-early and over rooms are left out', async () => {
    const later = await room({ starts: 120, ends: 180 });
    const soon = await room({ starts: 30, ends: 90 });
    const live = await room({ starts: -10, ends: 60 });
    const over = await room({ starts: -120, ends: -60 });
    const endedEarly = await room({ starts: -10, ends: 60, override: 'ended' });
    const heldBack = await room({ starts: -5, ends: 60, override: 'scheduled' });
    const overrun = await room({ starts: -120, ends: -1, override: 'live' });

    const answer = await h.call('GET', '/api/lives');
    expect(answer.status).toBe(200);
    const mine = new Set([later, soon, live, over, endedEarly, heldBack, overrun]);
    const items = (answer.body.items as { id: number; status: string; statusText: string }[]).filter((i) => mine.has(i.id));
    expect(items.map((i) => [i.id, i.status, i.statusText])).toEqual([
      [overrun, 'live', '直播中'],
      [live, 'live', '直播中'],
      [heldBack, 'scheduled', '预告'],
      [soon, 'scheduled', '预告'],
      [later, 'scheduled', '预告'],
    ]);
  });
});

describe('GET /api/lives/{id}', () => {
  it('shows the featured products with the 直播价 for 预告 and while live, and drops it once ended', async () => {
    const [sku] = await h.deps.db
      .select({ id: skus.id, productId: skus.productId, priceFen: skus.priceFen, title: products.title })
      .from(skus)
      .innerJoin(products, eq(products.id, skus.productId))
      .where(eq(products.status, 'on_sale'))
      .limit(1);
    const liveRoomId = await room({ starts: 30, ends: 90, title: '冬季上新专场' });
    await h.deps.db.insert(liveProducts).values({ liveRoomId, productId: sku.productId, skuId: sku.id, livePriceFen: sku.priceFen - 100 });
    const featured = { productId: sku.productId, skuId: sku.id, title: sku.title, priceFen: sku.priceFen };

    const before = await h.call('GET', `/api/lives/${liveRoomId}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id: liveRoomId, title: '冬季上新专场', status: 'scheduled', statusText: '预告' });
    expect(before.body.target).toEqual({ finderUserName: 'sphTest001', feedId: null, legacyRoomId: null });
    expect(before.body.products).toEqual([expect.objectContaining({ ...featured, livePriceFen: sku.priceFen - 100 })]);

    const during = await at(45, () => h.call('GET', `/api/lives/${liveRoomId}`));
    expect(during.body).toMatchObject({ status: 'live', statusText: '直播中' });
    expect(during.body.products[0].livePriceFen).toBe(sku.priceFen - 100);

    const after = await at(90, () => h.call('GET', `/api/lives/${liveRoomId}`));
    expect(after.body).toMatchObject({ status: 'ended', statusText: '已结束' });
    expect(after.body.products).toEqual([expect.objectContaining({ ...featured, livePriceFen: null })]);
  });

  it('answers 404 LIVE_NOT_FOUND in Chinese for a room that does not exist', async () => {
    expect(await h.call('GET', '/api/lives/987654321')).toMatchObject({
      status: 404,
      body: { code: 'LIVE_NOT_FOUND', message: '直播间不存在' },
    });
  });
});

describe('coupon drops', () => {
  it('open only while live and after drop_at, once per member and drop, and close when the broadcast ends', async () => {
    const template = await liveTemplate();
    const liveRoomId = await room({ starts: 30, ends: 90 });
    const first = await drop(liveRoomId, template.id, 40);
    const second = await drop(liveRoomId, template.id, 60);
    const customer = await h.signIn();

    // 预告: nothing can be claimed yet.
    expect(await claim(customer.auth, liveRoomId, first)).toMatchObject({
      status: 422,
      body: { code: 'LIVE_DROP_NOT_OPEN', message: '直播还没开始，开播后才能领券' },
    });
    const preview = await h.call('GET', `/api/lives/${liveRoomId}`, { auth: customer.auth });
    expect(preview.body.drops.map((d: { id: number; state: string }) => [d.id, d.state])).toEqual([
      [first, 'upcoming'],
      [second, 'upcoming'],
    ]);

    await at(35, async () => {
      // Live, but the first drop is at +40 min.
      const early = await claim(customer.auth, liveRoomId, first);
      expect(early).toMatchObject({ status: 422, body: { code: 'LIVE_DROP_NOT_OPEN' } });
      expect(early.body.message).toMatch(/^优惠券将于 \d\d:\d\d 发放，请稍候$/);
    });

    await at(45, async () => {
      const claimed = await claim(customer.auth, liveRoomId, first);
      expect(claimed.status).toBe(201);
      expect(claimed.body.coupon).toMatchObject({ templateId: template.id, source: 'live', status: 'available' });
      expect(await claim(customer.auth, liveRoomId, first)).toMatchObject({ status: 409, body: { code: 'COUPON_ALREADY_CLAIMED' } });
      // The second drop is still to come.
      expect(await claim(customer.auth, liveRoomId, second)).toMatchObject({ status: 422, body: { code: 'LIVE_DROP_NOT_OPEN' } });
      const page = await h.call('GET', `/api/lives/${liveRoomId}`, { auth: customer.auth });
      expect(page.body.drops.map((d: { id: number; state: string }) => [d.id, d.state])).toEqual([
        [first, 'claimed'],
        [second, 'upcoming'],
      ]);
      // Another visitor (not signed in) sees the first drop open: claim state is per member, not cached.
      const anonymous = await h.call('GET', `/api/lives/${liveRoomId}`);
      expect(anonymous.body.drops[0]).toMatchObject({ id: first, state: 'claimable', name: '直播专享减5' });
    });

    await at(65, async () => {
      expect((await claim(customer.auth, liveRoomId, second)).status).toBe(201);
    });

    const other = await h.signIn();
    await at(90, async () => {
      expect(await claim(other.auth, liveRoomId, first)).toMatchObject({
        status: 422,
        body: { code: 'LIVE_DROP_CLOSED', message: '直播已结束，优惠券已停止发放' },
      });
      const page = await h.call('GET', `/api/lives/${liveRoomId}`, { auth: other.auth });
      expect(page.body.drops.map((d: { state: string }) => d.state)).toEqual(['ended', 'ended']);
    });
    expect(await h.couponsOfTemplate(template.id)).toHaveLength(2);
  });

  it('closes the drops of a room head office ended early, inside its window', async () => {
    const template = await liveTemplate();
    const liveRoomId = await room({ starts: -30, ends: 60, override: 'ended' });
    const dropId = await drop(liveRoomId, template.id, -10);
    const customer = await h.signIn();
    expect(await claim(customer.auth, liveRoomId, dropId)).toMatchObject({ status: 422, body: { code: 'LIVE_DROP_CLOSED' } });
  });

  it('answers 404 for a drop of another room, and refuses a template not offered in live rooms', async () => {
    const liveTemplateRow = await liveTemplate();
    const roomA = await room({ starts: -30, ends: 60 });
    const roomB = await room({ starts: -30, ends: 60 });
    const dropOfB = await drop(roomB, liveTemplateRow.id, -5);
    const customer = await h.signIn();
    expect(await claim(customer.auth, roomA, dropOfB)).toMatchObject({ status: 404, body: { code: 'LIVE_DROP_NOT_FOUND' } });

    const centre = await h.createTemplate({ name: '领券中心券' });
    const wrongSource = await drop(roomA, centre.id, -5);
    expect(await claim(customer.auth, roomA, wrongSource)).toMatchObject({ status: 422, body: { code: 'COUPON_NOT_OFFERED_HERE' } });
  });

  it('needs a signed-in member', async () => {
    const template = await liveTemplate();
    const liveRoomId = await room({ starts: -30, ends: 60 });
    const dropId = await drop(liveRoomId, template.id, -5);
    expect(await h.call('POST', `/api/lives/${liveRoomId}/drops/${dropId}/claim`)).toMatchObject({ status: 401 });
  });

  it('N parallel claims on a drop with stock K issue exactly K', async () => {
    const K = 15;
    const template = await liveTemplate({ name: '直播限量15张', totalQuantity: K, perUserLimit: 1 });
    const liveRoomId = await room({ starts: -30, ends: 60 });
    const dropId = await drop(liveRoomId, template.id, -5);
    const customers = [];
    for (let i = 0; i < 60; i++) customers.push(await h.signIn());

    // Each customer taps twice at once: 120 claims in flight together.
    const answers = await Promise.all(customers.flatMap((c) => [0, 1].map(() => claim(c.auth, liveRoomId, dropId))));

    expect(answers.filter((a) => a.status === 201)).toHaveLength(K);
    const issued = await h.couponsOfTemplate(template.id);
    expect(issued).toHaveLength(K);
    expect(new Set(issued.map((c) => c.memberId)).size).toBe(K);
    expect((await h.templateRow(template.id)).issuedCount).toBe(K);
    const refusals = new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.code}`));
    expect([...refusals].every((r) => ['409 COUPON_SOLD_OUT', '409 COUPON_LIMIT_REACHED', '409 COUPON_ALREADY_CLAIMED'].includes(r))).toBe(
      true,
    );
    expect(refusals.has('409 COUPON_SOLD_OUT')).toBe(true);
  }, 120_000);
});

describe('head office overrides the schedule', () => {
  it('ends a live room early and puts it back on schedule, admin only, audited before/after', async () => {
    const liveRoomId = await room({ starts: -10, ends: 60 });
    const customer = await h.signIn();
    const path = `/api/admin/lives/${liveRoomId}/status-override`;
    expect(await h.call('PUT', path, { auth: customer.auth, body: { override: 'ended' } })).toMatchObject({ status: 403 });
    const { auth } = await h.admin();
    expect(await h.call('PUT', path, { auth, body: { override: 'paused' } })).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });

    const ended = await h.call('PUT', path, { auth, body: { override: 'ended' } });
    expect(ended).toMatchObject({ status: 200, body: { id: liveRoomId, status: 'ended', statusText: '已结束', statusOverride: 'ended' } });
    expect((await h.call('GET', `/api/lives/${liveRoomId}`)).body.status).toBe('ended');

    const back = await h.call('PUT', path, { auth, body: { override: null } });
    expect(back.body).toMatchObject({ status: 'live', statusOverride: null });
    expect((await h.call('GET', `/api/lives/${liveRoomId}`)).body.status).toBe('live');

    const entries = await h.deps.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.targetId, String(liveRoomId)));
    const mine = entries.filter((e) => e.targetType === 'live_room');
    expect(mine.map((e) => [e.action, e.detail])).toEqual([
      [
        'live_room.status_override',
        { before: { statusOverride: null, status: 'live' }, after: { statusOverride: 'ended', status: 'ended' } },
      ],
      [
        'live_room.status_override',
        { before: { statusOverride: 'ended', status: 'ended' }, after: { statusOverride: null, status: 'live' } },
      ],
    ]);
    expect(await h.call('PUT', '/api/admin/lives/987654321/status-override', { auth, body: { override: 'live' } })).toMatchObject({
      status: 404,
      body: { code: 'LIVE_NOT_FOUND' },
    });
  });
});
