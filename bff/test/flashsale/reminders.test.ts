import { and, eq, inArray } from 'drizzle-orm';
import { flashSales, outbox, skus, startReminders } from '@shop/db';
import request from 'supertest';
import { shanghaiDayStart } from '../../src/domain/shanghai';
import { relayOutbox } from '../../src/jobs/outbox-relay';
import { sendDueReminders } from '../../src/modules/reminder';
import { signIn, startHarness, stockedSku, type Customer, type Harness } from '../groupbuy/harness';

const HOUR = 3_600_000;

/** 秒杀场次 (GET /api/flashsales/sessions) and 开抢提醒 (PUT / DELETE /api/flash-sales/{id}/reminder, the job). */
describe('flash-sale sessions and start reminders', () => {
  let h: Harness;
  const taken = new Set<number>();
  let day: number; // start of the harness's Shanghai day

  beforeAll(async () => {
    h = await startHarness('flash-reminders');
    // Only this file's sales: the seeded ones are paused so the sessions are exactly what it made.
    await h.deps.db.update(flashSales).set({ status: 'paused' });
    day = shanghaiDayStart(h.clock.now()).getTime();
  });
  afterAll(async () => {
    await h.close();
  });

  async function sale(startsAt: number, endsAt: number, title: string) {
    const skuId = await stockedSku(h, taken);
    const [sku] = await h.deps.db.select().from(skus).where(eq(skus.id, skuId));
    const [inserted] = await h.deps.db.insert(flashSales).values({
      code: `T-${Math.random().toString(36).slice(2, 10)}`,
      title,
      productId: sku.productId,
      skuId,
      priceFen: Math.max(1, Math.floor(sku.priceFen / 2)),
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      allocatedStock: 10,
      perUserLimit: 1,
    });
    return inserted.insertId;
  }
  const at = (ms: number) => {
    h.clock.set(new Date(ms));
    h.deps.readCache.clear();
  };
  const sessions = async () => {
    const res = await request(h.base).get('/api/flashsales/sessions');
    expect(res.status).toBe(200);
    return res.body as {
      currentIndex: number;
      sessions: { startsAt: string; day: number; state: string; sales: { id: number; state: string }[] }[];
    };
  };
  const remind = (c: Customer, id: number) => request(h.base).put(`/api/flash-sales/${id}/reminder`).set(c.auth);
  const unremind = (c: Customer, id: number) => request(h.base).delete(`/api/flash-sales/${id}/reminder`).set(c.auth);
  const remindersOf = (memberId: number) => h.deps.db.select().from(startReminders).where(eq(startReminders.memberId, memberId));

  it("lists today's and tomorrow's sessions by start time, labelled and with the running one to open on", async () => {
    const ten = [await sale(day + 10 * HOUR, day + 14 * HOUR, '10点场 A'), await sale(day + 10 * HOUR, day + 14 * HOUR, '10点场 B')];
    const two = await sale(day + 14 * HOUR, day + 20 * HOUR, '14点场');
    const eight = await sale(day + 20 * HOUR, day + 24 * HOUR, '20点场');
    const tomorrow = await sale(day + 34 * HOUR, day + 38 * HOUR, '明日10点场');
    await sale(day + 58 * HOUR, day + 62 * HOUR, '后天10点场');
    await sale(day - 4 * HOUR, day + 2 * HOUR, '昨日20点场');

    at(day + 15 * HOUR);
    const afternoon = await sessions();
    expect(afternoon.sessions.map((s) => [new Date(s.startsAt).getTime() - day, s.day, s.state])).toEqual([
      [10 * HOUR, 0, 'started'],
      [14 * HOUR, 0, 'running'],
      [20 * HOUR, 0, 'upcoming'],
      [34 * HOUR, 1, 'upcoming'],
    ]);
    expect(afternoon.currentIndex).toBe(1);
    expect(afternoon.sessions.map((s) => s.sales.map((x) => x.id))).toEqual([ten, [two], [eight], [tomorrow]]);
    expect(afternoon.sessions[0].sales.map((x) => x.state)).toEqual(['ended', 'ended']);
    expect(afternoon.sessions[1].sales[0].state).toBe('running');
    expect(afternoon.sessions[2].sales[0].state).toBe('upcoming');

    // Early morning: nothing has started, the first session is next.
    at(day + 8 * HOUR);
    const morning = await sessions();
    expect(morning.sessions.map((s) => s.state)).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(morning.currentIndex).toBe(0);

    // Late evening: the 20:00 session runs; the earlier ones have started (已开抢).
    at(day + 22 * HOUR);
    const evening = await sessions();
    expect(evening.sessions.map((s) => s.state)).toEqual(['started', 'started', 'running', 'upcoming']);
    expect(evening.currentIndex).toBe(2);
  });

  it('sets and cancels 开抢提醒 idempotently, at the configured minutes before the start', async () => {
    at(day + 12 * HOUR);
    const id = await sale(day + 13 * HOUR, day + 16 * HOUR, '提醒测试');
    const customer = await signIn(h, 'reminder-set');
    const expected = new Date(day + 13 * HOUR - h.deps.config.flashRemindBeforeMinutes * 60_000).toISOString();

    const first = await remind(customer, id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ flashSaleId: id, reminded: true, remindAt: expected });
    h.clock.advance(60_000);
    const again = await remind(customer, id);
    expect(again.body).toEqual(first.body);
    expect(await remindersOf(customer.memberId)).toHaveLength(1);
    expect((await request(h.base).get('/api/me/reminders').set(customer.auth)).body).toEqual({ flashSaleIds: [id] });

    for (let i = 0; i < 2; i++) {
      const cancelled = await unremind(customer, id);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toEqual({ flashSaleId: id, reminded: false, remindAt: null });
    }
    expect(await remindersOf(customer.memberId)).toHaveLength(0);
    expect((await request(h.base).get('/api/me/reminders').set(customer.auth)).body).toEqual({ flashSaleIds: [] });

    // Parallel taps keep one reminder.
    await Promise.all([1, 2, 3, 4].map(() => remind(customer, id)));
    expect(await remindersOf(customer.memberId)).toHaveLength(1);
  });

  it('refuses a reminder for a sale that has started or ended (422) or does not exist (404), and without a session (401)', async () => {
    at(day + 12 * HOUR);
    const running = await sale(day + 11 * HOUR, day + 15 * HOUR, '已开抢');
    const over = await sale(day + 9 * HOUR, day + 11 * HOUR, '已结束');
    const customer = await signIn(h, 'reminder-closed');

    expect((await remind(customer, running)).body).toMatchObject({ code: 'FLASH_REMINDER_CLOSED', message: '秒杀已开抢，直接去抢购吧' });
    const ended = await remind(customer, over);
    expect(ended.status).toBe(422);
    expect(ended.body).toMatchObject({ code: 'FLASH_REMINDER_CLOSED', message: '秒杀已结束，无法设置提醒' });
    expect((await remind(customer, running)).status).toBe(422);
    const missing = await remind(customer, 99_999_999);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('FLASH_SALE_NOT_FOUND');
    expect((await request(h.base).put(`/api/flash-sales/${running}/reminder`)).status).toBe(401);
    expect(await remindersOf(customer.memberId)).toHaveLength(0);
  });

  it('sends each due reminder once, even from two job runs at once; without consent WeChat delivers nothing', async () => {
    at(day + 12 * HOUR);
    const startsAt = day + 12 * HOUR + 10 * 60_000;
    const id = await sale(startsAt, startsAt + 2 * HOUR, '12:10 场 提醒发送');
    const [granted, refused] = await Promise.all([signIn(h, 'reminder-granted'), signIn(h, 'reminder-refused')]);
    const templateId = h.deps.config.notifyTemplates.flashStart;
    // Only one of them tapped 允许 in WeChat's consent dialog.
    const grant = await fetch(`${h.sandbox.url}/sandbox/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid: granted.openid, templateId, count: 1 }),
    });
    expect(grant.ok).toBe(true);
    for (const c of [granted, refused]) expect((await remind(c, id)).status).toBe(200);

    // Not due yet.
    h.clock.set(new Date(startsAt - (h.deps.config.flashRemindBeforeMinutes + 1) * 60_000));
    expect(await sendDueReminders(h.deps)).toEqual({ sent: 0 });

    h.clock.set(new Date(startsAt - h.deps.config.flashRemindBeforeMinutes * 60_000));
    const runs = await Promise.all([sendDueReminders(h.deps), sendDueReminders(h.deps), sendDueReminders(h.deps)]);
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(2);
    expect(await sendDueReminders(h.deps)).toEqual({ sent: 0 });
    const rows = (await h.deps.db.select().from(outbox).where(eq(outbox.topic, 'flash.starting'))).filter(
      (row) => row.payload.flashSaleId === id,
    );
    expect(rows.map((r) => r.payload.memberId).sort()).toEqual([granted.memberId, refused.memberId].sort());
    const stamped = await h.deps.db
      .select()
      .from(startReminders)
      .where(and(eq(startReminders.targetId, id), inArray(startReminders.memberId, [granted.memberId, refused.memberId])));
    expect(stamped.every((r) => r.sentAt !== null)).toBe(true);

    await relayOutbox(h.deps, { batch: 50 });
    const inbox = async (c: Customer) =>
      (await (await fetch(`${h.sandbox.url}/sandbox/messages?touser=${c.openid}`)).json()) as { template_id: string; page: string }[];
    expect(await inbox(granted)).toEqual([expect.objectContaining({ template_id: templateId, page: `pages/flash/index?saleId=${id}` })]);
    expect(await inbox(refused)).toEqual([]);
    const refusedRow = rows.find((r) => r.payload.memberId === refused.memberId)!;
    expect((await h.deps.db.select().from(outbox).where(eq(outbox.id, refusedRow.id)))[0]).toMatchObject({
      status: 'done',
      lastError: 'not_subscribed',
    });

    // A reminder set within the last minutes goes out on the next run, still once.
    const late = await signIn(h, 'reminder-late');
    expect((await remind(late, id)).body.remindAt).toBe(h.clock.now().toISOString());
    const lateRuns = await Promise.all([sendDueReminders(h.deps), sendDueReminders(h.deps)]);
    expect(lateRuns.reduce((sum, r) => sum + r.sent, 0)).toBe(1);
  });

  it('sends nothing for a sale the shop paused meanwhile, and still stamps the reminder', async () => {
    at(day + 12 * HOUR);
    const startsAt = day + 13 * HOUR;
    const id = await sale(startsAt, startsAt + HOUR, '暂停的场次');
    const customer = await signIn(h, 'reminder-paused');
    expect((await remind(customer, id)).status).toBe(200);
    await h.deps.db.update(flashSales).set({ status: 'paused' }).where(eq(flashSales.id, id));
    h.clock.set(new Date(startsAt - 60_000));
    await sendDueReminders(h.deps);
    expect((await remindersOf(customer.memberId))[0].sentAt).not.toBeNull();
    const messages = (await h.deps.db.select().from(outbox).where(eq(outbox.topic, 'flash.starting'))).filter(
      (row) => row.payload.flashSaleId === id,
    );
    expect(messages).toEqual([]);
  });
});
