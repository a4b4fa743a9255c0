import { and, eq, inArray } from 'drizzle-orm';
import { groupCampaigns, groupMembers, groups, orderLines, orders, outbox, refunds, skus } from '@shop/db';
import request from 'supertest';
import { closeIfOverdue } from '../../src/modules/checkout/close';
import { expireGroup, sweepGroups } from '../../src/modules/groupbuy/lifecycle';
import { settlePayment } from '../../src/modules/payment/service';
import { retryDueRefunds } from '../../src/modules/refund';
import { relayOutbox } from '../../src/jobs/outbox-relay';
import { eventually } from '../support/eventually';
import {
  createCampaign,
  createOrder,
  orderRow,
  pay,
  pickup,
  siblingSkus,
  signIn,
  startHarness,
  stockedSku,
  stockRow,
  waitForStatus,
  type Customer,
  type Harness,
} from './harness';

// Races of dozens of real orders and payments: allow for a loaded CI machine.
jest.setTimeout(90_000);

describe('group buys (拼团)', () => {
  let h: Harness;
  const taken = new Set<number>();

  beforeAll(async () => {
    h = await startHarness('groupbuy');
  });
  afterAll(async () => {
    await h.close();
  });

  const groupRow = async (id: number) => (await h.deps.db.select().from(groups).where(eq(groups.id, id)))[0];
  const campaignRow = async (id: number) => (await h.deps.db.select().from(groupCampaigns).where(eq(groupCampaigns.id, id)))[0];
  const seatsOf = (groupId: number) => h.deps.db.select().from(groupMembers).where(eq(groupMembers.groupId, groupId));
  const order = (campaign: { id: number; skuId: number }, groupId?: number, qty = 1, skuId = campaign.skuId) => ({
    items: [{ skuId, qty }],
    fulfillment: pickup,
    activity: { type: 'group', campaignId: campaign.id, ...(groupId ? { groupId } : {}) },
  });
  const levels = ({ onHand, reserved }: { onHand: number; reserved: number }) => ({ onHand, reserved });
  const sandboxControl = (path: string, body: object) =>
    fetch(`${h.sandbox.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const customers = (prefix: string, n: number) => Promise.all(Array.from({ length: n }, (_, i) => signIn(h, `${prefix}-${i}`)));

  /** A leader opens and pays: the group is open. */
  async function openGroup(campaign: { id: number; skuId: number }, leader: Customer) {
    const created = await createOrder(h, leader, order(campaign));
    expect(created.status).toBe(201);
    await pay(h, created);
    await waitForStatus(h, created.body.order.id, 'awaiting_group');
    const groupId = created.body.order.group.id as number;
    expect((await groupRow(groupId)).status).toBe('open');
    return { groupId, orderId: created.body.order.id as number };
  }

  it('prices the leader at 团长价 and joiners at the group price; a group opens only when its leader pays', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupPriceFen: 5900, leaderPriceFen: 4900, groupSize: 2, fillSeconds: 1800 });
    const [leader, friend] = await customers('gb-price', 2);

    const quote = await request(h.base).post('/api/checkout/quote').set(leader.auth).send(order(campaign));
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ payableFen: 4900, memberDiscountFen: 0, lines: [{ activityPriceFen: 4900 }] });

    const created = await createOrder(h, leader, order(campaign));
    expect(created.status).toBe(201);
    expect(created.body.order).toMatchObject({ payableFen: 4900, activityType: 'group', group: { status: 'pending' } });
    const groupId = created.body.order.group.id as number;

    const early = await createOrder(h, friend, order(campaign, groupId));
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'GROUP_NOT_OPEN', message: '团长尚未支付，暂不能参团' });

    await pay(h, created);
    await waitForStatus(h, created.body.order.id, 'awaiting_group');
    const opened = await groupRow(groupId);
    expect(opened).toMatchObject({ status: 'open', paidCount: 1, seatsTaken: 1 });
    expect(opened.expiresAt!.getTime()).toBe(h.clock.now().getTime() + 1800_000);

    const joined = await createOrder(h, friend, order(campaign, groupId));
    expect(joined.status).toBe(201);
    expect(joined.body.order.payableFen).toBe(5900);
  });

  it('never seats more than N: 50 customers race to join a group of 5, exactly 4 join the leader', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 5 });
    const [leader, ...racers] = await customers('gb-race', 51);
    const { groupId, orderId } = await openGroup(campaign, leader);

    const attempts = await Promise.all(racers.map((c) => createOrder(h, c, order(campaign, groupId))));
    const won = attempts.filter((r) => r.status === 201);
    expect(won).toHaveLength(4);
    for (const lost of attempts.filter((r) => r.status !== 201)) {
      expect(lost.status).toBe(409);
      expect(lost.body.code).toBe('GROUP_FULL');
    }
    expect(await groupRow(groupId)).toMatchObject({ seatsTaken: 5, paidCount: 1, status: 'open' });
    expect(await seatsOf(groupId)).toHaveLength(5);
    expect((await campaignRow(campaign.id)).usedStock).toBe(5);
    // The leader and the winners hold stock at the store; the losers took nothing.
    expect((await stockRow(h, skuId)).reserved).toBe(5);

    // Success the moment the 5th member pays: every order moves on together.
    for (const res of won) await pay(h, res);
    await waitForStatus(h, won[3].body.order.id, 'preparing');
    const all = [orderId, ...won.map((r) => r.body.order.id as number)];
    const rows = await h.deps.db.select().from(orders).where(inArray(orders.id, all));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('preparing'));
    expect(await groupRow(groupId)).toMatchObject({ status: 'succeeded', paidCount: 5 });
    const messages = await h.deps.db.select().from(outbox).where(eq(outbox.topic, 'group.succeeded'));
    expect(messages.filter((m) => m.payload.groupId === groupId)).toHaveLength(5);
  });

  it('tells every member of a successful group through a subscribe message', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2, title: '2人团 订阅消息' });
    const [leader, friend] = await customers('gb-notify', 2);
    const templateId = h.deps.config.notifyTemplates.groupResult;
    for (const c of [leader, friend]) await sandboxControl('/sandbox/subscriptions', { openid: c.openid, templateId, count: 1 });
    const { groupId } = await openGroup(campaign, leader);
    const joined = await createOrder(h, friend, order(campaign, groupId));
    await pay(h, joined);
    await waitForStatus(h, joined.body.order.id, 'preparing');

    await relayOutbox(h.deps, { batch: 50 });
    for (const c of [leader, friend]) {
      const sent = (await (await fetch(`${h.sandbox.url}/sandbox/messages?touser=${c.openid}`)).json()) as {
        template_id: string;
        page: string;
        data: Record<string, { value: string }>;
      }[];
      expect(sent).toEqual([expect.objectContaining({ template_id: templateId, page: `pages/group/detail?id=${groupId}` })]);
      expect(sent[0].data.phrase4.value).toBe('拼团成功');
    }
  });

  it('lets nobody join the same group twice or their own group', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 4, perUserLimit: 3 });
    const [leader, friend] = await customers('gb-twice', 2);
    const { groupId } = await openGroup(campaign, leader);

    const own = await createOrder(h, leader, order(campaign, groupId));
    expect(own.status).toBe(409);
    expect(own.body.code).toBe('GROUP_ALREADY_JOINED');

    const twice = await Promise.all([1, 2, 3].map(() => createOrder(h, friend, order(campaign, groupId))));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await seatsOf(groupId)).toHaveLength(2);
    expect((await groupRow(groupId)).seatsTaken).toBe(2);
  });

  /** The demo T-shirt's SKUs (3 colours × 2 sizes, well stocked everywhere): one product, several SKUs. */
  async function teeSkus(): Promise<number[]> {
    const rows = await h.deps.db.select({ id: skus.id, code: skus.skuCode }).from(skus);
    const ids = rows.filter((r) => r.code.startsWith('W1005-')).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) taken.add(id);
    return ids;
  }

  it('prices the SKU the customer picked at its own group price, and refuses a SKU the campaign does not sell (422)', async () => {
    const [first, second, , outside] = await teeSkus();
    const campaign = await createCampaign(h, {
      skuId: first,
      groupPriceFen: 5900,
      leaderPriceFen: 4900,
      groupSize: 2,
      perUserLimit: 2,
      moreSkus: [{ skuId: second, groupPriceFen: 6500, leaderPriceFen: 5500 }],
    });
    const [leader, friend, other] = await customers('gb-sku', 3);

    // The campaign's read lists exactly its SKUs with their prices, the first SKU first.
    const read = await request(h.base).get(`/api/groupbuys/${campaign.id}`);
    expect(read.status).toBe(200);
    expect(read.body.campaign.skus.map((s: { skuId: number }) => s.skuId)).toEqual([first, second]);
    expect(read.body.campaign.skus[1]).toMatchObject({ groupPriceFen: 6500, leaderPriceFen: 5500 });
    expect(read.body.campaign).toMatchObject({ skuId: first, groupPriceFen: 5900, minGroupPriceFen: 5900 });
    for (const spec of read.body.campaign.specs as { name: string; values: string[] }[]) {
      for (const sku of read.body.campaign.skus as { specValues: Record<string, string> }[])
        expect(spec.values).toContain(sku.specValues[spec.name]);
    }
    const listed = (await request(h.base).get(`/api/groupbuys?productId=${campaign.productId}`)).body.items.find(
      (c: { id: number }) => c.id === campaign.id,
    );
    expect(listed.skus).toHaveLength(2);

    // The leader picks the second SKU: its 团长价, on the order line of that SKU, no member discount.
    const quote = await request(h.base)
      .post('/api/checkout/quote')
      .set(leader.auth)
      .send(order(campaign, undefined, 1, second));
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ payableFen: 5500, memberDiscountFen: 0, lines: [{ skuId: second, activityPriceFen: 5500 }] });
    const opened = await createOrder(h, leader, order(campaign, undefined, 1, second));
    expect(opened.status).toBe(201);
    expect(opened.body.order.payableFen).toBe(5500);
    await pay(h, opened);
    await waitForStatus(h, opened.body.order.id, 'awaiting_group');
    const groupId = opened.body.order.group.id as number;

    // A joiner may pick another of the campaign's SKUs: its group price.
    const joined = await createOrder(h, friend, order(campaign, groupId, 2, first));
    expect(joined.status).toBe(201);
    expect(joined.body.order.payableFen).toBe(2 * 5900);
    const lines = await h.deps.db.select().from(orderLines).where(eq(orderLines.orderId, joined.body.order.id));
    expect(lines).toEqual([expect.objectContaining({ skuId: first, qty: 2, activityPriceFen: 5900, payableFen: 2 * 5900 })]);

    // A SKU of the same product the campaign does not sell: 422, in the quote and the order, nothing held.
    const before = await campaignRow(campaign.id);
    for (const attempt of [
      () =>
        request(h.base)
          .post('/api/checkout/quote')
          .set(other.auth)
          .send(order(campaign, groupId, 1, outside)),
      () => createOrder(h, other, order(campaign, groupId, 1, outside)),
      () => createOrder(h, other, order(campaign, undefined, 1, outside)),
    ]) {
      const res = await attempt();
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'GROUP_SKU_NOT_IN_CAMPAIGN', message: '该规格不参加本次拼团，请在拼团规格中重新选择' });
    }
    expect((await campaignRow(campaign.id)).usedStock).toBe(before.usedStock);
    expect((await groupRow(groupId)).seatsTaken).toBe(2);
  });

  it('holds the per-user campaign limit and the campaign stock under parallel opens, over all its SKUs together', async () => {
    // A product with at least three stocked SKUs (sizes or colours).
    let skuId: number;
    let others: number[];
    do {
      skuId = await stockedSku(h, taken);
      others = await siblingSkus(h, skuId);
    } while (others.length < 2);
    for (const id of others) taken.add(id);
    const sizes = [skuId, ...others.slice(0, 2)];
    const limited = await createCampaign(h, {
      skuId,
      perUserLimit: 1,
      allocatedStock: 3,
      moreSkus: others.slice(0, 2).map((id) => ({ skuId: id, groupPriceFen: 100 })),
    });
    const [greedy, ...rest] = await customers('gb-limit', 13);

    // One member's parallel opens on different SKUs: the per-user limit counts them together.
    const mine = await Promise.all(sizes.map((id) => createOrder(h, greedy, order(limited, undefined, 1, id))));
    expect(mine.filter((r) => r.status === 201)).toHaveLength(1);
    expect(mine.filter((r) => r.status === 422).every((r) => r.body.code === 'GROUP_LIMIT')).toBe(true);

    // Twelve customers rush the 2 units left, spread over the campaign's SKUs: never oversold.
    const rush = await Promise.all(rest.map((c, i) => createOrder(h, c, order(limited, undefined, 1, sizes[i % sizes.length]))));
    expect(rush.filter((r) => r.status === 201)).toHaveLength(2);
    expect(rush.filter((r) => r.status !== 201).every((r) => r.status === 422 && r.body.code === 'GROUP_SOLD_OUT')).toBe(true);
    expect((await campaignRow(limited.id)).usedStock).toBe(3);
    const seats = await h.deps.db
      .select({ qty: groupMembers.qty })
      .from(groupMembers)
      .innerJoin(groups, eq(groups.id, groupMembers.groupId))
      .where(eq(groups.campaignId, limited.id));
    expect(seats.reduce((sum, s) => sum + s.qty, 0)).toBe(3);
  });

  it('keeps the group to new customers when the campaign says so', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, newCustomersOnly: true, groupSize: 3 });
    const [leader, regular, newcomer] = await customers('gb-new', 3);
    const { orderId } = await openGroup(campaign, leader);
    const groupId = (await orderRow(h, orderId)).groupId!;
    // `regular` has bought before.
    const other = await createCampaign(h, { skuId: await stockedSku(h, taken) });
    const bought = await createOrder(h, regular, order(other));
    await pay(h, bought);
    await waitForStatus(h, bought.body.order.id, 'awaiting_group');

    const refused = await createOrder(h, regular, order(campaign, groupId));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NEW_CUSTOMERS_ONLY', message: '该拼团仅限新用户参团' });
    expect((await createOrder(h, newcomer, order(campaign, groupId))).status).toBe(201);
  });

  it('never opens a group whose leader does not pay: the order closes, its seat, campaign stock and store stock return', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId });
    const [leader] = await customers('gb-unpaid', 1);
    const before = await stockRow(h, skuId);
    const created = await createOrder(h, leader, order(campaign));
    const groupId = created.body.order.group.id as number;
    expect((await campaignRow(campaign.id)).usedStock).toBe(1);

    h.clock.advance(16 * 60_000);
    try {
      expect(await closeIfOverdue(h.deps, created.body.order.id)).toBe('cancelled');
    } finally {
      h.clock.advance(-16 * 60_000);
    }
    expect(await groupRow(groupId)).toMatchObject({ status: 'failed', paidCount: 0 });
    expect(await seatsOf(groupId)).toHaveLength(0);
    expect((await campaignRow(campaign.id)).usedStock).toBe(0);
    expect(levels(await stockRow(h, skuId))).toEqual(levels(before));
  });

  it('releases an unpaid joiner’s seat so someone else can take it', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2 });
    const [leader, slow, fast] = await customers('gb-release', 3);
    const { groupId } = await openGroup(campaign, leader);
    const held = await createOrder(h, slow, order(campaign, groupId));
    expect(held.status).toBe(201);
    expect((await createOrder(h, fast, order(campaign, groupId))).body.code).toBe('GROUP_FULL');

    await request(h.base).post(`/api/orders/${held.body.order.id}/cancel`).set(slow.auth).expect(200);
    expect(await groupRow(groupId)).toMatchObject({ seatsTaken: 1, status: 'open' });
    const joined = await createOrder(h, fast, order(campaign, groupId));
    expect(joined.status).toBe(201);
    await pay(h, joined);
    await waitForStatus(h, joined.body.order.id, 'preparing');
    expect((await groupRow(groupId)).status).toBe('succeeded');
  });

  it('fails at expiry and refunds every paid member in full, even when WeChat refuses the refund twice', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 3, fillSeconds: 600 });
    const [leader, paid, unpaid] = await customers('gb-expire', 3);
    const before = await stockRow(h, skuId);
    const { groupId, orderId } = await openGroup(campaign, leader);
    const second = await createOrder(h, paid, order(campaign, groupId));
    await pay(h, second);
    await waitForStatus(h, second.body.order.id, 'awaiting_group');
    const third = await createOrder(h, unpaid, order(campaign, groupId));
    expect(third.status).toBe(201);

    expect(await expireGroup(h.deps, groupId)).toBe('not_due');
    h.clock.advance(601_000);
    await h.sandbox.fault({ api: 'refund', kind: 'http_error', value: 500, times: 2 });
    expect(await expireGroup(h.deps, groupId)).toBe('failed');
    expect(await expireGroup(h.deps, groupId)).toBe('not_due');
    expect((await groupRow(groupId)).status).toBe('failed');

    const paidOrders = [orderId, second.body.order.id as number];
    // The failed refund stays due; the retry job sends it again with backoff until WeChat takes it.
    await eventually(async () => {
      h.clock.advance(5 * 60_000);
      await retryDueRefunds(h.deps);
      const rows = await h.deps.db.select().from(orders).where(inArray(orders.id, paidOrders));
      expect(rows.map((r) => r.status)).toEqual(['refunded', 'refunded']);
    }, 20_000);
    const refundRows = await h.deps.db.select().from(refunds).where(inArray(refunds.orderId, paidOrders));
    expect(refundRows.map((r) => [r.source, r.status])).toEqual([
      ['group_failed', 'succeeded'],
      ['group_failed', 'succeeded'],
    ]);
    for (const id of paidOrders) {
      const row = await orderRow(h, id);
      expect(row.refundedFen).toBe(row.paidFen);
    }
    // The unpaid seat's order closes on its own timeout; then all stock is back where it started.
    h.clock.advance(16 * 60_000);
    await closeIfOverdue(h.deps, third.body.order.id);
    expect((await orderRow(h, third.body.order.id)).status).toBe('cancelled');
    expect(levels(await stockRow(h, skuId))).toEqual(levels(before));
    expect((await campaignRow(campaign.id)).usedStock).toBe(0);
    const told = await h.deps.db.select().from(outbox).where(eq(outbox.topic, 'group.failed'));
    expect(
      told
        .filter((m) => m.payload.groupId === groupId)
        .map((m) => m.payload.memberId)
        .sort(),
    ).toEqual([leader.memberId, paid.memberId].sort());
    h.clock.set(new Date());
  });

  it('lets the last payment and the expiry race without a group both succeeding and failing', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2, fillSeconds: 600, perUserLimit: 20, allocatedStock: 100 });
    const [leader, friend] = await customers('gb-racer', 2);
    const outcomes: string[] = [];
    for (let round = 0; round < 8; round++) {
      const { groupId } = await openGroup(campaign, leader);
      const joined = await createOrder(h, friend, order(campaign, groupId));
      // The payment lands in WeChat, but its notification is lost: we settle it by hand, racing the expiry job.
      await h.sandbox.fault({ api: 'notify', kind: 'drop', times: 1 });
      await pay(h, joined);
      const trade = await h.deps.pay.query(joined.body.order.orderNo);
      const expiresAt = (await groupRow(groupId)).expiresAt!;
      const paying = { ...h.deps, now: () => new Date(expiresAt.getTime() - 1) };
      const expiring = { ...h.deps, now: () => new Date(expiresAt.getTime() + 1) };
      await Promise.all([settlePayment(paying, trade), expireGroup(expiring, groupId)]);

      const group = await groupRow(groupId);
      const rows = await h.deps.db.select().from(orders).where(eq(orders.groupId, groupId));
      outcomes.push(group.status);
      if (group.status === 'succeeded') {
        expect(rows.map((r) => r.status)).toEqual(['preparing', 'preparing']);
        expect(
          await h.deps.db
            .select()
            .from(refunds)
            .where(
              inArray(
                refunds.orderId,
                rows.map((r) => r.id),
              ),
            ),
        ).toHaveLength(0);
      } else {
        expect(group.status).toBe('failed');
        // The sandbox may still redeliver the dropped notification, whose settlement refunds too: wait for both.
        await eventually(async () => {
          const asked = await h.deps.db
            .select()
            .from(refunds)
            .where(
              inArray(
                refunds.orderId,
                rows.map((r) => r.id),
              ),
            );
          expect(asked).toHaveLength(2);
        });
        expect(rows.every((r) => r.status === 'awaiting_group' || r.status === 'refunded')).toBe(true);
      }
    }
    expect(outcomes.every((s) => s === 'succeeded' || s === 'failed')).toBe(true);
  });

  it('the sweeper expires groups whose job was lost and requests refunds a crash interrupted', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2, fillSeconds: 60 });
    const [leader] = await customers('gb-sweep', 1);
    const { groupId, orderId } = await openGroup(campaign, leader);
    h.clock.advance(61_000);
    try {
      const swept = await sweepGroups(h.deps);
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      expect((await groupRow(groupId)).status).toBe('failed');
      // The refund settles when WeChat notifies it; on a busy box its first try can time out and
      // the retry comes 15 s later, on WeChat's schedule.
      await eventually(async () => expect((await orderRow(h, orderId)).status).toBe('refunded'), 35_000);
      const again = await sweepGroups(h.deps);
      expect(again.refunded).toBe(0);
    } finally {
      h.clock.set(new Date());
    }
  }, 60_000);

  it('shows a group to visitors and members, and draws its mini-program code', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 3, title: '3人团 测试' });
    const [leader, visitor] = await customers('gb-view', 2);
    const { groupId } = await openGroup(campaign, leader);

    const anonymous = await request(h.base).get(`/api/groups/${groupId}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toMatchObject({
      id: groupId,
      status: 'open',
      groupSize: 3,
      seatsLeft: 2,
      members: [{ isLeader: true, paid: true }],
      campaign: { id: campaign.id, title: '3人团 测试' },
      viewer: { joined: false, canJoin: false, reason: null },
    });
    expect((await request(h.base).get(`/api/groups/${groupId}`).set(visitor.auth)).body.viewer).toEqual({
      joined: false,
      orderId: null,
      canJoin: true,
      reason: null,
    });
    expect((await request(h.base).get(`/api/groups/${groupId}`).set(leader.auth)).body.viewer).toMatchObject({
      joined: true,
      canJoin: false,
    });
    expect((await request(h.base).get('/api/groups/999999')).status).toBe(404);

    const list = await request(h.base).get(`/api/groupbuys/${campaign.id}`);
    expect(list.body.openGroups).toEqual([expect.objectContaining({ id: groupId, seatsLeft: 2, groupSize: 3 })]);
    expect(
      (await request(h.base).get(`/api/groupbuys?productId=${campaign.productId}`)).body.items.map((c: { id: number }) => c.id),
    ).toContain(campaign.id);

    const png = await request(h.base).get(`/api/groups/${groupId}/qrcode?sharerId=${leader.memberId}`).buffer(true);
    expect(png.status).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await request(h.base).get('/api/groups/999999/qrcode')).status).toBe(404);
  });

  it('records shares and the visits they bring (who brought whom)', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId });
    const [leader, friend] = await customers('gb-share', 2);
    const { groupId } = await openGroup(campaign, leader);

    const shared = await request(h.base).post('/api/shares').set(leader.auth).send({ type: 'group', targetId: groupId, medium: 'card' });
    expect(shared.status).toBe(200);
    expect(shared.body.path).toBe(`pages/group/detail?id=${groupId}&from=${leader.memberId}`);
    expect((await request(h.base).post('/api/shares').send({ type: 'group', targetId: groupId })).status).toBe(401);
    expect((await request(h.base).post('/api/shares').set(leader.auth).send({ type: 'group', targetId: 999999 })).status).toBe(404);

    await request(h.base)
      .post('/api/visits')
      .set(friend.auth)
      .send({ targetType: 'group', targetId: groupId, sharerId: leader.memberId, scene: '1007' })
      .expect(204);
    const joined = await createOrder(h, friend, { ...order(campaign, groupId), sharerId: leader.memberId });
    expect(joined.status).toBe(201);
    expect((await orderRow(h, joined.body.order.id)).sharerId).toBe(leader.memberId);
    const [seat] = await h.deps.db
      .select()
      .from(groupMembers)
      .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, friend.memberId)));
    expect(seat.invitedBy).toBe(leader.memberId);
  });
});
