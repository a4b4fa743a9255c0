import { eq } from 'drizzle-orm';
import { liveProducts, liveRooms, orders, skus, type LiveStatus } from '@shop/db';
import request from 'supertest';
import { createOrder, pickup, signIn, startHarness, stockedSku, type Harness } from '../groupbuy/harness';

/*
 * Issue 13, finding 4: an order "bought in a live room" is attributed to the room (channel live,
 * GMV per room), so the room must feature every line and be live now (docs/domain.md#live-links).
 */
describe('orders in a live room', () => {
  let h: Harness;
  const taken = new Set<number>();
  let featuredSku: { id: number; productId: number; priceFen: number };
  let otherSkuId: number;

  beforeAll(async () => {
    h = await startHarness('live-orders');
    const featuredId = await stockedSku(h, taken);
    [featuredSku] = await h.deps.db
      .select({ id: skus.id, productId: skus.productId, priceFen: skus.priceFen })
      .from(skus)
      .where(eq(skus.id, featuredId));
    // Another product, not featured in the rooms below.
    for (;;) {
      otherSkuId = await stockedSku(h, taken);
      const [row] = await h.deps.db.select({ productId: skus.productId }).from(skus).where(eq(skus.id, otherSkuId));
      if (row.productId !== featuredSku.productId) break;
    }
  });
  afterAll(() => h.close());

  let rooms = 0;
  async function room(statusOverride: LiveStatus | null, startsInMinutes: number, endsInMinutes: number): Promise<number> {
    const now = h.clock.now().getTime();
    const [inserted] = await h.deps.db.insert(liveRooms).values({
      code: `test-live-${process.pid}-${++rooms}`,
      title: '测试直播间',
      coverUrl: 'https://example.invalid/cover.png',
      hostName: '主播',
      startsAt: new Date(now + startsInMinutes * 60_000),
      endsAt: new Date(now + endsInMinutes * 60_000),
      statusOverride,
      statusOverriddenAt: statusOverride ? h.clock.now() : null,
    });
    await h.deps.db
      .insert(liveProducts)
      .values({ liveRoomId: inserted.insertId, productId: featuredSku.productId, livePriceFen: featuredSku.priceFen - 100 });
    return inserted.insertId;
  }

  const body = (skuId: number, liveRoomId: number) => ({
    items: [{ skuId, qty: 1 }],
    fulfillment: pickup,
    activity: { type: 'live', liveRoomId },
  });
  const ordersOf = (memberId: number) => h.deps.db.select().from(orders).where(eq(orders.memberId, memberId));

  it('prices a featured SKU at the live price while the room is live, and attributes the order to the room', async () => {
    const customer = await signIn(h, 'live-featured');
    const liveRoomId = await room(null, -10, 60);
    const created = await createOrder(h, customer, body(featuredSku.id, liveRoomId));
    expect(created.status).toBe(201);
    const [order] = await ordersOf(customer.memberId);
    expect(order).toMatchObject({ channel: 'live', liveRoomId, payableFen: featuredSku.priceFen - 100 });
  });

  it('refuses a SKU the room does not feature (422), alone or next to a featured one, and writes no order', async () => {
    const customer = await signIn(h, 'live-not-featured');
    const liveRoomId = await room(null, -10, 60);
    const alone = await createOrder(h, customer, body(otherSkuId, liveRoomId));
    expect(alone.status).toBe(422);
    expect(alone.body).toMatchObject({
      code: 'LIVE_PRODUCT_NOT_FEATURED',
      message: '该商品不在本场直播中，请在直播间内下单或去掉直播活动',
    });
    const mixed = await createOrder(h, customer, {
      ...body(featuredSku.id, liveRoomId),
      items: [
        { skuId: featuredSku.id, qty: 1 },
        { skuId: otherSkuId, qty: 1 },
      ],
    });
    expect(mixed).toMatchObject({ status: 422, body: { code: 'LIVE_PRODUCT_NOT_FEATURED' } });
    // The quote says the same, so the customer learns it before paying.
    const quoted = await request(h.base).post('/api/checkout/quote').set(customer.auth).send(body(otherSkuId, liveRoomId));
    expect(quoted).toMatchObject({ status: 422, body: { code: 'LIVE_PRODUCT_NOT_FEATURED' } });
    expect(await ordersOf(customer.memberId)).toHaveLength(0);
  });

  it.each([
    ['预告: before its start', null, 30, 90, '直播尚未开始，直播价不可用'],
    ['over: past its end', null, -120, -60, '直播已结束，直播价不可用'],
    ['held back by head office (推迟开播) inside its window', 'scheduled', -10, 60, '直播尚未开始，直播价不可用'],
    ['ended early by head office inside its window', 'ended', -10, 60, '直播已结束，直播价不可用'],
  ] as const)('refuses a room that is %s (422 LIVE_NOT_ACTIVE)', async (_what, override, starts, ends, message) => {
    const customer = await signIn(h, `live-inactive-${override}-${starts}`);
    const liveRoomId = await room(override, starts, ends);
    const created = await createOrder(h, customer, body(featuredSku.id, liveRoomId));
    expect(created.status).toBe(422);
    expect(created.body).toMatchObject({ code: 'LIVE_NOT_ACTIVE', message });
    expect(await ordersOf(customer.memberId)).toHaveLength(0);
  });

  it('accepts a room head office started early (override live before its start)', async () => {
    const customer = await signIn(h, 'live-early-start');
    const liveRoomId = await room('live', 30, 90);
    const created = await createOrder(h, customer, body(featuredSku.id, liveRoomId));
    expect(created.status).toBe(201);
    const [order] = await ordersOf(customer.memberId);
    expect(order).toMatchObject({ channel: 'live', liveRoomId, payableFen: featuredSku.priceFen - 100 });
  });

  it('stops the live price the moment the broadcast ends (the clock crosses ends_at)', async () => {
    const customer = await signIn(h, 'live-clock-crosses-end');
    const liveRoomId = await room(null, -10, 5);
    const quoted = await request(h.base).post('/api/checkout/quote').set(customer.auth).send(body(featuredSku.id, liveRoomId));
    expect(quoted.status).toBe(200);
    h.clock.advance(5 * 60_000);
    try {
      const late = await createOrder(h, customer, body(featuredSku.id, liveRoomId));
      expect(late).toMatchObject({ status: 422, body: { code: 'LIVE_NOT_ACTIVE', message: '直播已结束，直播价不可用' } });
      expect(await ordersOf(customer.memberId)).toHaveLength(0);
    } finally {
      h.clock.advance(-5 * 60_000);
    }
  });
});
