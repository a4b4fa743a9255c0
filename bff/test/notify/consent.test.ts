import { eq } from 'drizzle-orm';
import { outbox } from '@shop/db';
import request from 'supertest';
import { relayOutbox } from '../../src/jobs/outbox-relay';
import { SUBSCRIBE_MOMENTS } from '../../../miniapp/src/platform/subscribe-moments';
import {
  createCampaign,
  createOrder,
  pay,
  pickup,
  signIn,
  startHarness,
  stockedSku,
  waitForStatus,
  type Customer,
  type Harness,
} from '../groupbuy/harness';

jest.setTimeout(90_000);

type SentMessage = { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> };
type Moment = keyof typeof SUBSCRIBE_MOMENTS;

/**
 * The mini-program's consent moments (miniapp/src/platform/subscribe.ts) against WeChat's rule: a
 * subscribe message is delivered only on a grant the customer gave in wx.requestSubscribeMessage.
 * The customer who taps 允许 is played by the sandbox's /sandbox/subscriptions, for exactly the
 * template ids the app asks for at that moment (its table, ids from GET /api/notify/templates).
 */
describe('subscribe-message consent: what the app asks for is what lets WeChat deliver', () => {
  let h: Harness;
  let clerk: Customer;
  let templates: Record<string, string>;
  const taken = new Set<number>();

  beforeAll(async () => {
    h = await startHarness('consent');
    clerk = await signIn(h, 'demo-clerk-1');
    const answer = await request(h.base).get('/api/notify/templates');
    expect(answer.status).toBe(200);
    templates = answer.body as Record<string, string>;
  });
  afterAll(async () => {
    await h.close();
  });

  let seq = 0;
  const customer = () => signIn(h, `consent-${process.pid}-${++seq}`);

  /** The ids the app's dialog lists at the moment, as the BFF hands them out. */
  const idsAt = (moment: Moment) => SUBSCRIBE_MOMENTS[moment].map((name: string) => templates[name]);

  /** The customer taps 允许 for every template of the moment's dialog. */
  async function allow(who: Customer, moment: Moment): Promise<void> {
    for (const templateId of idsAt(moment)) {
      const res = await fetch(`${h.sandbox.url}/sandbox/subscriptions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ openid: who.openid, templateId }),
      });
      expect(res.status).toBe(200);
    }
  }
  const messagesTo = async (who: Customer): Promise<SentMessage[]> =>
    (await (await fetch(`${h.sandbox.url}/sandbox/messages?touser=${who.openid}`)).json()) as SentMessage[];
  const outboxRow = async (dedupeKey: string) => (await h.deps.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey)))[0];

  async function paidOrder(who: Customer, body: object): Promise<{ orderId: number; groupId?: number }> {
    const created = await createOrder(h, who, body);
    expect(created.status).toBe(201);
    await pay(h, created);
    return { orderId: created.body.order.id as number, groupId: created.body.order.group?.id as number | undefined };
  }
  async function markReady(orderId: number): Promise<void> {
    await request(h.base)
      .post(`/api/staff/orders/${orderId}/ready`)
      .set(clerk.auth)
      .set({ 'User-Agent': 'till-phone/1.0 (test)' })
      .expect(200);
  }

  it('提交订单: the dialog lists 取货提醒 and nothing the BFF does not configure', () => {
    expect(idsAt('order_submitted')).toEqual([templates.pickupReady]);
    expect(idsAt('group_start')).toEqual([templates.groupResult, templates.pickupReady]);
    expect(idsAt('group_join')).toEqual([templates.groupResult, templates.pickupReady]);
    for (const moment of Object.keys(SUBSCRIBE_MOMENTS) as Moment[]) expect(idsAt(moment).length).toBeLessThanOrEqual(3);
  });

  it('取货提醒 reaches the customer who allowed it at 提交订单; the one who refused gets nothing and the send is not retried', async () => {
    const [allowed, refused] = [await customer(), await customer()];
    const skuId = await stockedSku(h, taken);
    await allow(allowed, 'order_submitted');
    const mine = await paidOrder(allowed, { items: [{ skuId, qty: 1 }], fulfillment: pickup });
    const theirs = await paidOrder(refused, { items: [{ skuId, qty: 1 }], fulfillment: pickup });
    for (const { orderId } of [mine, theirs]) {
      await waitForStatus(h, orderId, 'preparing');
      await markReady(orderId);
    }

    await relayOutbox(h.deps, { batch: 100 });

    expect(await messagesTo(allowed)).toEqual([
      expect.objectContaining({ template_id: templates.pickupReady, page: `pages/order/index?id=${mine.orderId}` }),
    ]);
    expect(await messagesTo(refused)).toEqual([]);
    expect(await outboxRow(`pickup.ready:${theirs.orderId}`)).toMatchObject({ status: 'done', lastError: 'not_subscribed' });
  });

  it('发起拼团 / 参团: the leader who allowed both gets 拼团成功 and then 取货提醒; the friend who refused gets neither', async () => {
    const skuId = await stockedSku(h, taken);
    const campaign = await createCampaign(h, { skuId, groupSize: 2, title: '2人团 订阅授权' });
    const [leader, friend] = [await customer(), await customer()];
    const group = (groupId?: number) => ({
      items: [{ skuId, qty: 1 }],
      fulfillment: pickup,
      activity: { type: 'group', campaignId: campaign.id, ...(groupId ? { groupId } : {}) },
    });

    await allow(leader, 'group_start');
    const opened = await paidOrder(leader, group());
    await waitForStatus(h, opened.orderId, 'awaiting_group');
    const joined = await paidOrder(friend, group(opened.groupId));
    await waitForStatus(h, joined.orderId, 'preparing');
    await relayOutbox(h.deps, { batch: 100 });

    const afterGroup = await messagesTo(leader);
    expect(afterGroup).toEqual([
      expect.objectContaining({ template_id: templates.groupResult, page: `pages/group/detail?id=${opened.groupId}` }),
    ]);
    expect(afterGroup[0].data.phrase4.value).toBe('拼团成功');
    expect(await messagesTo(friend)).toEqual([]);
    expect(await outboxRow(`group.succeeded:${opened.groupId}:${friend.memberId}`)).toMatchObject({
      status: 'done',
      lastError: 'not_subscribed',
    });

    for (const { orderId } of [opened, joined]) await markReady(orderId);
    await relayOutbox(h.deps, { batch: 100 });

    expect((await messagesTo(leader)).map((m) => m.template_id)).toEqual([templates.groupResult, templates.pickupReady]);
    expect(await messagesTo(friend)).toEqual([]);
    expect(await outboxRow(`pickup.ready:${joined.orderId}`)).toMatchObject({ status: 'done', lastError: 'not_subscribed' });
  });
});
