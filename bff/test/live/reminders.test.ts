import { and, eq } from 'drizzle-orm';
import { liveRooms, outbox, startReminders, type LiveStatus } from '@shop/db';
import request from 'supertest';
import { relayOutbox } from '../../src/jobs/outbox-relay';
import { sendDueReminders } from '../../src/modules/reminder';
import { signIn, startHarness, type Customer, type Harness } from '../groupbuy/harness';

const MIN = 60_000;

/** 开播提醒 (PUT / DELETE /api/lives/{id}/reminder) and the reminder job sending it (docs/domain.md#live-links). */
describe('live start reminders', () => {
  let h: Harness;
  let start: Date;

  beforeAll(async () => {
    h = await startHarness('live-reminders');
    start = h.clock.now();
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => h.clock.set(start));

  let rooms = 0;
  async function room(starts: number, ends: number, statusOverride: LiveStatus | null = null): Promise<number> {
    const now = h.clock.now().getTime();
    const [inserted] = await h.deps.db.insert(liveRooms).values({
      code: `t-remind-${process.pid}-${++rooms}`,
      title: `开播提醒测试${rooms}`,
      coverUrl: '/media/live/test.svg',
      hostName: '主播小测',
      startsAt: new Date(now + starts * MIN),
      endsAt: new Date(now + ends * MIN),
      statusOverride,
    });
    return inserted.insertId;
  }
  const remind = (c: Customer, id: number) => request(h.base).put(`/api/lives/${id}/reminder`).set(c.auth);
  const unremind = (c: Customer, id: number) => request(h.base).delete(`/api/lives/${id}/reminder`).set(c.auth);
  const remindersOf = (memberId: number, id: number) =>
    h.deps.db
      .select()
      .from(startReminders)
      .where(and(eq(startReminders.memberId, memberId), eq(startReminders.targetType, 'live'), eq(startReminders.targetId, id)));
  const messagesFor = async (id: number) =>
    (await h.deps.db.select().from(outbox).where(eq(outbox.topic, 'live.starting'))).filter((row) => row.payload.liveRoomId === id);

  it('sets one reminder the lead time before the start, idempotently, and cancels it idempotently', async () => {
    const id = await room(60, 120);
    const customer = await signIn(h, 'live-remind-set');
    const lead = h.deps.config.flashRemindBeforeMinutes;
    const expected = new Date(h.clock.now().getTime() + (60 - lead) * MIN).toISOString();
    const first = await remind(customer, id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ liveRoomId: id, reminded: true, remindAt: expected });
    await Promise.all([1, 2, 3].map(() => remind(customer, id)));
    expect(await remindersOf(customer.memberId, id)).toHaveLength(1);
    for (let i = 0; i < 2; i++) {
      expect((await unremind(customer, id)).body).toEqual({ liveRoomId: id, reminded: false, remindAt: null });
    }
    expect(await remindersOf(customer.memberId, id)).toHaveLength(0);
  });

  it('refuses a room that is live or over (422), held-back rooms stay remindable, unknown rooms are 404', async () => {
    const customer = await signIn(h, 'live-remind-closed');
    const live = await room(-10, 60);
    const over = await room(-120, -60);
    const endedEarly = await room(30, 90, 'ended');
    const heldBack = await room(-10, 60, 'scheduled');
    expect(await remind(customer, live)).toMatchObject({
      status: 422,
      body: { code: 'LIVE_REMINDER_CLOSED', message: '直播已开始，直接进入直播间吧' },
    });
    expect(await remind(customer, over)).toMatchObject({
      status: 422,
      body: { code: 'LIVE_REMINDER_CLOSED', message: '直播已结束，无法设置提醒' },
    });
    expect(await remind(customer, endedEarly)).toMatchObject({ status: 422, body: { code: 'LIVE_REMINDER_CLOSED' } });
    // 推迟开播: its start is past, so the reminder is due at once.
    const held = await remind(customer, heldBack);
    expect(held.status).toBe(200);
    expect(held.body.remindAt).toBe(h.clock.now().toISOString());
    expect(await remind(customer, 987654321)).toMatchObject({ status: 404, body: { code: 'LIVE_NOT_FOUND' } });
    expect((await request(h.base).put(`/api/lives/${live}/reminder`)).status).toBe(401);
  });

  it('the job sends each due 开播提醒 once through the outbox, even from parallel runs; WeChat delivers it with consent', async () => {
    const id = await room(30, 90);
    const [granted, refused] = await Promise.all([signIn(h, 'live-remind-granted'), signIn(h, 'live-remind-refused')]);
    const templateId = h.deps.config.notifyTemplates.liveStart;
    const grant = await fetch(`${h.sandbox.url}/sandbox/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid: granted.openid, templateId, count: 1 }),
    });
    expect(grant.ok).toBe(true);
    for (const c of [granted, refused]) expect((await remind(c, id)).status).toBe(200);

    const lead = h.deps.config.flashRemindBeforeMinutes;
    h.clock.set(new Date(start.getTime() + (30 - lead - 1) * MIN));
    await sendDueReminders(h.deps);
    expect(await messagesFor(id)).toHaveLength(0);

    h.clock.set(new Date(start.getTime() + (30 - lead) * MIN));
    await Promise.all([sendDueReminders(h.deps), sendDueReminders(h.deps), sendDueReminders(h.deps)]);
    await sendDueReminders(h.deps);
    const rows = await messagesFor(id);
    expect(rows.map((r) => r.payload.memberId).sort()).toEqual([granted.memberId, refused.memberId].sort());

    await relayOutbox(h.deps, { batch: 50 });
    const inbox = async (c: Customer) =>
      (await (await fetch(`${h.sandbox.url}/sandbox/messages?touser=${c.openid}`)).json()) as { template_id: string; page: string }[];
    expect(await inbox(granted)).toEqual([expect.objectContaining({ template_id: templateId, page: `pages/live/detail?id=${id}` })]);
    expect(await inbox(refused)).toEqual([]);
  });

  it('sends nothing for a room head office ended early meanwhile, and still stamps the reminder', async () => {
    const id = await room(30, 90);
    const customer = await signIn(h, 'live-remind-ended');
    expect((await remind(customer, id)).status).toBe(200);
    await h.deps.db.update(liveRooms).set({ statusOverride: 'ended', statusOverriddenAt: h.clock.now() }).where(eq(liveRooms.id, id));
    h.clock.set(new Date(start.getTime() + 29 * MIN));
    await sendDueReminders(h.deps);
    expect((await remindersOf(customer.memberId, id))[0].sentAt).not.toBeNull();
    expect(await messagesFor(id)).toEqual([]);
  });
});
