import { eq } from 'drizzle-orm';
import { afterSales, orders, refunds, stores, type OrderStatus } from '@shop/db';
import request from 'supertest';
import { shanghaiDate, shanghaiDateStart } from '../../src/domain/shanghai';
import { memberNumberOf } from '../../src/modules/member/member-number';
import { memberStatusCountQuery } from '../../src/modules/order/queries';
import {
  createCampaign,
  createOrder,
  newKey,
  pay,
  pickup,
  signIn,
  startHarness,
  stockedSku,
  waitForStatus,
  type Customer,
  type Harness,
} from '../groupbuy/harness';

const HOUR = 3_600_000;
const CJK = /[\u4e00-\u9fff]/;

/** 提货人手机号, 预约自提时段, the order page's store, 我的 badges, 我的拼团 and a cancel that lost to a payment — through HTTP. */
describe('pickup phone and slot, order counts, my groups', () => {
  let h: Harness;
  const taken = new Set<number>();
  let clerk: Customer;

  beforeAll(async () => {
    h = await startHarness('orders-me');
    clerk = await signIn(h, 'demo-clerk-1');
  });
  afterAll(async () => {
    await h.close();
  });

  const api = () => request(h.base);
  /** `hh:mm` on the Asia/Shanghai day `days` after today, as a UTC ISO instant. */
  const shanghaiAt = (days: number, hhmm: string) => {
    const start = shanghaiDateStart(shanghaiDate(h.clock.now())).getTime() + days * 24 * HOUR;
    return new Date(start + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * 60_000).toISOString();
  };
  const slotOf = (days: number, from: string, to: string) => ({ start: shanghaiAt(days, from), end: shanghaiAt(days, to) });
  async function quoteFor(customer: Customer, skuId: number, storeId = 1) {
    const res = await api()
      .post('/api/checkout/quote')
      .set(customer.auth)
      .send({ items: [{ skuId, qty: 1 }], fulfillment: { type: 'pickup', storeId } });
    expect(res.status).toBe(200);
    return res.body as { pickup: { slots: { start: string; end: string }[]; memberPhone: string | null } };
  }

  it('offers only future one-hour slots of the store, today and tomorrow, inside its hours', async () => {
    const customer = await signIn(h, 'ps-offer');
    const quote = await quoteFor(customer, await stockedSku(h, taken));
    const { slots } = quote.pickup;
    expect(slots.length).toBeGreaterThan(0);
    const now = h.clock.now().getTime();
    const lastDay = shanghaiDateStart(shanghaiDate(h.clock.now())).getTime() + 48 * HOUR;
    for (const slot of slots) {
      const start = Date.parse(slot.start);
      const end = Date.parse(slot.end);
      expect(start).toBeGreaterThanOrEqual(now + 30 * 60_000);
      expect(start).toBeLessThan(lastDay);
      expect(end - start).toBeGreaterThan(0);
      expect(end - start).toBeLessThanOrEqual(HOUR);
    }
    // Store 1 opens 09:30 every day (seed): tomorrow's first slot starts then.
    expect(slots).toContainEqual(slotOf(1, '09:30', '10:30'));
    expect(quote.pickup.memberPhone).toBeNull();
  });

  describe('refuses a slot or phone the store cannot take', () => {
    let customer: Customer;
    let skuId: number;
    beforeAll(async () => {
      customer = await signIn(h, 'ps-refuse');
      skuId = await stockedSku(h, taken);
      // Store 3 is closed all day tomorrow (its own weekday row removed).
      const [store] = await h.deps.db.select().from(stores).where(eq(stores.id, 3));
      const tomorrow = new Date(Date.parse(shanghaiAt(1, '12:00'))).getUTCDay();
      await h.deps.db
        .update(stores)
        .set({ openingHours: store.openingHours.filter((d) => d.weekday !== tomorrow) })
        .where(eq(stores.id, 3));
    });
    const pastSlot = () => {
      // The hour that began up to an hour ago: started already, or too soon to prepare.
      const start = Math.floor(h.clock.now().getTime() / HOUR) * HOUR;
      return { start: new Date(start).toISOString(), end: new Date(start + HOUR).toISOString() };
    };

    it.each([
      ['before opening', () => slotOf(1, '08:00', '09:00'), 1, 422, 'PICKUP_SLOT_CLOSED', '门店该时段不营业，请选择营业时间内的时段'],
      ['after closing', () => slotOf(1, '23:00', '23:59'), 1, 422, 'PICKUP_SLOT_CLOSED', '门店该时段不营业，请选择营业时间内的时段'],
      ['in the past', pastSlot, 1, 422, 'PICKUP_SLOT_PAST', '该自提时段已过或来不及备货，请重新选择'],
      ['on a closed weekday', () => slotOf(1, '12:00', '13:00'), 3, 422, 'PICKUP_SLOT_CLOSED', '门店该时段不营业，请选择营业时间内的时段'],
      ['three days ahead', () => slotOf(3, '12:00', '13:00'), 1, 422, 'PICKUP_SLOT_UNAVAILABLE', '仅可预约今天和明天的自提时段'],
      ['off the offered grid', () => slotOf(1, '12:15', '13:15'), 1, 422, 'PICKUP_SLOT_UNAVAILABLE', '请选择页面提供的自提时段'],
      ['malformed', () => ({ start: '明天上午', end: shanghaiAt(1, '13:00') }), 1, 400, 'VALIDATION_FAILED', '自提时段格式不正确'],
      ['ending before it starts', () => slotOf(1, '13:00', '12:00'), 1, 400, 'VALIDATION_FAILED', '自提时段的结束应晚于开始'],
    ])('refuses a slot %s', async (_why, slot, storeId, status, code, message) => {
      const res = await createOrder(h, customer, {
        items: [{ skuId, qty: 1 }],
        fulfillment: { type: 'pickup', storeId },
        pickup: { phone: '13912345678', slot: slot() },
      });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code, message });
      expect(await h.deps.db.select().from(orders).where(eq(orders.memberId, customer.memberId))).toHaveLength(0);
    });

    it.each(['12345', '23912345678', '1391234567x', '139123456789'])('phone %j → 400', async (phone) => {
      const res = await createOrder(h, customer, { items: [{ skuId, qty: 1 }], fulfillment: pickup, pickup: { phone } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '请输入正确的 11 位手机号' });
    });

    it('offers no slot tomorrow at the store closed all day', async () => {
      const { slots } = (await quoteFor(customer, skuId, 3)).pickup;
      const tomorrow = shanghaiAt(1, '00:00');
      expect(slots.filter((s) => s.start >= tomorrow)).toEqual([]);
    });
  });

  it('stores a valid slot and phone: whole on the order page, masked in the list and the queue, whole once the code is verified', async () => {
    const customer = await signIn(h, 'ps-valid');
    const skuId = await stockedSku(h, taken);
    const { slots } = (await quoteFor(customer, skuId)).pickup;
    const slot = slots[slots.length - 1];
    const body = { items: [{ skuId, qty: 1 }], fulfillment: pickup, pickup: { phone: '13912345678', slot } };
    const key = newKey();
    const created = await createOrder(h, customer, body, key);
    expect(created.status).toBe(201);
    const orderId = created.body.order.id as number;

    const [row] = await h.deps.db.select().from(orders).where(eq(orders.id, orderId));
    expect(row).toMatchObject({ pickupPhone: '13912345678', pickupSlotStart: new Date(slot.start), pickupSlotEnd: new Date(slot.end) });
    // The slot and phone are part of the request the key names.
    const other = await createOrder(h, customer, { ...body, pickup: { ...body.pickup, phone: '13912340000' } }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const detail = await api().get(`/api/orders/${orderId}`).set(customer.auth);
    expect(detail.body).toMatchObject({ pickupPhone: '13912345678', pickupSlot: slot });
    const [store] = await h.deps.db.select().from(stores).where(eq(stores.id, 1));
    expect(detail.body.store).toEqual({
      id: 1,
      name: store.name,
      address: store.address,
      phone: store.phone,
      lat: store.lat,
      lng: store.lng,
    });
    const list = await api().get('/api/orders').set(customer.auth);
    expect(list.body.items[0]).toMatchObject({ id: orderId, pickupPhone: '139****5678', pickupSlot: slot, store: { name: store.name } });

    await pay(h, created);
    await waitForStatus(h, orderId, 'preparing');
    const queue = await api().get('/api/staff/orders?status=preparing').set(clerk.auth);
    const queued = queue.body.items.find((o: { id: number }) => o.id === orderId);
    expect(queued.pickup).toEqual({ phone: '139****5678', slotStart: slot.start, slotEnd: slot.end });

    await api().post(`/api/staff/orders/${orderId}/ready`).set(clerk.auth).expect(200);
    const code = (await api().get(`/api/orders/${orderId}`).set(customer.auth)).body.pickup.code as string;
    const verified = await api().post('/api/staff/pickups/verify').set(clerk.auth).send({ code });
    expect(verified.status).toBe(200);
    expect(verified.body.pickup).toEqual({ phone: '13912345678', slotStart: slot.start, slotEnd: slot.end });
  });

  it('prefills and defaults to the member’s own phone, and takes an order without a slot', async () => {
    const customer = await signIn(h, 'ps-own-phone');
    const phoneCode = await h.sandbox.phoneCode('ps-own-phone', '13800138000');
    await api().post('/api/me/phone').set(customer.auth).send({ code: phoneCode }).expect(200);
    const skuId = await stockedSku(h, taken);
    expect((await quoteFor(customer, skuId)).pickup.memberPhone).toBe('138****8000');
    const created = await createOrder(h, customer, { items: [{ skuId, qty: 1 }], fulfillment: pickup });
    expect(created.status).toBe(201);
    const detail = await api().get(`/api/orders/${created.body.order.id}`).set(customer.auth);
    expect(detail.body).toMatchObject({ pickupPhone: '13800138000', pickupSlot: null });
  });

  it('counts my orders per 我的 shortcut, matching the lists of each tab', async () => {
    const customer = await signIn(h, 'ps-counts');
    const fixture: OrderStatus[] = [
      'pending_payment',
      'pending_payment',
      'pending_payment',
      'awaiting_group',
      'paid',
      'preparing',
      'preparing',
      'ready_for_pickup',
      'ready_for_pickup',
      'completed',
      'cancelled',
      'refunded',
    ];
    const ids: number[] = [];
    for (const [i, status] of fixture.entries()) {
      const [inserted] = await h.deps.db.insert(orders).values({
        orderNo: `PSC${Date.now()}${String(i).padStart(3, '0')}`.slice(0, 32),
        memberId: customer.memberId,
        storeId: 1,
        channel: 'online',
        fulfillment: 'pickup',
        status,
        itemsTotalFen: 1000,
        payableFen: 1000,
        paidFen: status === 'pending_payment' || status === 'cancelled' ? 0 : 1000,
      });
      ids.push(inserted.insertId);
    }
    // 售后: two open customer refunds on one order and one on another, a finished one, and a system refund.
    const refundRow = (
      orderId: number,
      n: number,
      status: 'requested' | 'processing' | 'succeeded',
      source: 'customer' | 'pickup_overdue',
    ) => ({
      orderId,
      outRefundNo: `PSR${Date.now()}${n}`,
      requestKey: `ps-${n}`,
      amountFen: 100,
      reason: '不想要了',
      source,
      status,
    });
    await h.deps.db
      .insert(refunds)
      .values([
        refundRow(ids[7], 1, 'requested', 'customer'),
        refundRow(ids[7], 2, 'processing', 'customer'),
        refundRow(ids[8], 3, 'requested', 'customer'),
        refundRow(ids[9], 4, 'succeeded', 'customer'),
        refundRow(ids[5], 5, 'processing', 'pickup_overdue'),
      ]);

    // 售后 after pickup: an open request and a finished one on the completed order.
    const afterSaleRow = (n: number, status: 'requested' | 'refunded') => ({
      serviceNo: `AS${Date.now()}-${n}`,
      orderId: ids[9],
      memberId: customer.memberId,
      storeId: 1,
      type: 'return' as const,
      status,
      requestKey: `ps-as-${n}`,
      requestFingerprint: 'f'.repeat(64),
      reason: 'wrong_size' as const,
    });
    await h.deps.db.insert(afterSales).values([afterSaleRow(1, 'requested'), afterSaleRow(2, 'refunded')]);

    const counts = await api().get('/api/orders/counts').set(customer.auth);
    expect(counts.status).toBe(200);
    expect(counts.body).toEqual({ pendingPayment: 3, awaitingGroup: 1, preparing: 3, readyForPickup: 2, afterSale: 3 });
    for (const [status, key] of [
      ['pending_payment', 'pendingPayment'],
      ['awaiting_group', 'awaitingGroup'],
      ['preparing', 'preparing'],
      ['ready_for_pickup', 'readyForPickup'],
    ] as const) {
      const list = await api().get(`/api/orders?status=${status}`).set(customer.auth);
      expect(list.body.items).toHaveLength(counts.body[key]);
    }
    const stranger = await signIn(h, 'ps-counts-none');
    expect((await api().get('/api/orders/counts').set(stranger.auth)).body).toEqual({
      pendingPayment: 0,
      awaitingGroup: 0,
      preparing: 0,
      readyForPickup: 0,
      afterSale: 0,
    });
    expect((await api().get('/api/orders/counts')).status).toBe(401);
    // One GROUP BY read from the (member_id, status, id) index alone.
    const { sql: text, params } = memberStatusCountQuery(h.deps.db, customer.memberId).toSQL();
    const [plan] = (await h.deps.database.pool.query(`EXPLAIN ${text}`, params)) as unknown as [{ key: string; Extra: string }[]];
    expect(plan).toHaveLength(1);
    expect(plan[0].key).toBe('orders_member_status_idx');
    expect(plan[0].Extra).toContain('Using index');
  });

  it('answers a cancel that lost to a payment with paid_meanwhile, and the order is paid', async () => {
    const customer = await signIn(h, 'ps-paid-meanwhile');
    const created = await createOrder(h, customer, { items: [{ skuId: await stockedSku(h, taken), qty: 1 }], fulfillment: pickup });
    expect(created.status).toBe(201);
    // The customer pays, but WeChat's notification has not reached us when they tap 取消订单.
    await h.sandbox.fault({ api: 'notify', kind: 'drop', times: 50 });
    try {
      await pay(h, created);
      const cancelled = await api().post(`/api/orders/${created.body.order.id}/cancel`).set(customer.auth).send({});
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ result: 'paid_meanwhile' });
    } finally {
      await fetch(`${h.sandbox.url}/sandbox/faults`, { method: 'DELETE' });
    }
    const detail = await api().get(`/api/orders/${created.body.order.id}`).set(customer.auth);
    expect(['paid', 'preparing']).toContain(detail.body.status);
    expect(detail.body.paidFen).toBe(detail.body.payableFen);
  });

  it('lists 我的拼团: the group I opened, its members and seats left', async () => {
    const leader = await signIn(h, 'ps-group-leader');
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 3 });
    const opened = await createOrder(h, leader, {
      items: [{ skuId, qty: 1 }],
      fulfillment: pickup,
      activity: { type: 'group', campaignId: campaign.id },
    });
    expect(opened.status).toBe(201);
    await pay(h, opened);
    await waitForStatus(h, opened.body.order.id, 'awaiting_group');

    const mine = await api().get('/api/me/groups').set(leader.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      id: opened.body.order.group.id,
      status: 'open',
      groupSize: 3,
      seatsLeft: 2,
      isLeader: true,
      orderId: opened.body.order.id,
      campaign: { id: campaign.id, title: campaign.title, groupPriceFen: campaign.groupPriceFen },
      members: [{ nickname: expect.stringMatching(CJK), isLeader: true }],
    });
    const other = await signIn(h, 'ps-group-none');
    expect((await api().get('/api/me/groups').set(other.auth)).body).toEqual({ items: [] });
  });

  it('shows the 会员号, never the id, and the till looks the member up by it', async () => {
    const customer = await signIn(h, 'ps-member-no');
    const me = await api().get('/api/me').set(customer.auth);
    const memberNo = me.body.memberNo as string;
    expect(memberNo).toMatch(/^8\d{9}$/);
    expect(memberNo).toBe(memberNumberOf(customer.memberId));
    expect(memberNo).not.toContain(String(customer.memberId).padStart(4, '0'));

    const found = await api().get(`/api/staff/members/by-number/${memberNo}`).set(clerk.auth);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: customer.memberId, memberNo, nickname: '微信用户' });
    // Read out in groups of four at the counter.
    const spaced = `${memberNo.slice(0, 4)} ${memberNo.slice(4, 8)} ${memberNo.slice(8)}`;
    expect(
      (
        await api()
          .get(`/api/staff/members/by-number/${encodeURIComponent(spaced)}`)
          .set(clerk.auth)
      ).body.id,
    ).toBe(customer.memberId);

    const typo = `${memberNo.slice(0, 9)}${(Number(memberNo[9]) + 1) % 10}`;
    const wrong = await api().get(`/api/staff/members/by-number/${typo}`).set(clerk.auth);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({ code: 'MEMBER_NOT_FOUND', message: '未找到该会员号，请核对后重试' });
    const nobody = await api()
      .get(`/api/staff/members/by-number/${memberNumberOf(99_999_990)}`)
      .set(clerk.auth);
    expect(nobody.status).toBe(404);
    const asCustomer = await api().get(`/api/staff/members/by-number/${memberNo}`).set(customer.auth);
    expect(asCustomer.status).toBe(403);
  });
});
