import { eq } from 'drizzle-orm';
import { createDatabase, members, outbox } from '@shop/db';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { relayOutbox, type RelayDeps } from '../../src/jobs/outbox-relay';
import { createMiniProgramApi } from '../../src/wechat/mini-program';
import { testClock } from '../support/clock';
import { createTestDeps, type TestDeps } from '../support/deps';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';

type SentMessage = { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> };

describe('outbox relay: subscribe messages through the WeChat sandbox', () => {
  const clock = testClock(new Date());
  const happenedAt = new Date('2026-11-22T07:00:00.000Z'); // 15:00 in Shanghai
  let sandbox: TestSandbox;
  let deps: TestDeps;
  let templates: TestDeps['config']['notifyTemplates'];

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    deps = await createTestDeps({ label: 'notify', wechat: sandbox.wechat, now: clock.now, env: { OUTBOX_MAX_ATTEMPTS: '3' } });
    templates = deps.config.notifyTemplates;
  });
  afterEach(() => control('/sandbox/faults', { method: 'DELETE' }));
  afterAll(async () => {
    await deps.close();
    await sandbox.close();
  });

  async function control<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${sandbox.url}${path}`, init);
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

  async function newMember(): Promise<{ id: number; openid: string }> {
    const openid = unique('notify');
    const [inserted] = await deps.db.insert(members).values({ openid });
    return { id: inserted.insertId, openid };
  }
  /** The member tapped 允许 for the template `count` times in wx.requestSubscribeMessage. */
  const subscribe = (openid: string, templateId: string, count = 1) =>
    control('/sandbox/subscriptions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid, templateId, count }),
    });
  const messagesTo = (openid: string) => control<SentMessage[]>(`/sandbox/messages?touser=${openid}`);

  async function enqueue(topic: string, payload: Record<string, unknown>, dueAt = clock.now()): Promise<number> {
    const [inserted] = await deps.db
      .insert(outbox)
      .values({ topic, dedupeKey: unique(topic), payload, nextAttemptAt: dueAt, createdAt: happenedAt });
    return inserted.insertId;
  }
  const rowOf = async (id: number) => (await deps.db.select().from(outbox).where(eq(outbox.id, id)))[0];
  const groupPayload = (memberId: number) => ({
    memberId,
    orderId: 41,
    groupId: 42,
    campaignTitle: '阳澄湖大闸蟹 4对装',
    groupSize: 3,
    payableFen: 5900,
  });
  const relay = (relayDeps: RelayDeps = deps) => relayOutbox(relayDeps, { batch: 50 });

  it('a subscribed member gets 拼团成功 with the template, page and values; the row is done', async () => {
    const member = await newMember();
    await subscribe(member.openid, templates.groupResult);
    const id = await enqueue('group.succeeded', groupPayload(member.id));

    expect(await relay()).toMatchObject({ claimed: 1, sent: 1 });

    expect(await messagesTo(member.openid)).toEqual([
      expect.objectContaining({
        template_id: templates.groupResult,
        page: 'pages/group/detail?id=42',
        data: {
          thing1: { value: '阳澄湖大闸蟹 4对装' },
          amount2: { value: '59.00元' },
          time3: { value: '2026年11月22日 15:00' },
          phrase4: { value: '拼团成功' },
          thing5: { value: '3人团已成团，商家正在备货' },
        },
      }),
    ]);
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1, lastError: null, processedAt: clock.now() });
  });

  it('拼团失败 and 取货提醒 reach their members on their templates and pages', async () => {
    const grouper = await newMember();
    const picker = await newMember();
    await subscribe(grouper.openid, templates.groupResult);
    await subscribe(picker.openid, templates.pickupReady);
    await enqueue('group.failed', { ...groupPayload(grouper.id), refunded: false });
    await enqueue('pickup.ready', {
      memberId: picker.id,
      orderId: 43,
      orderNo: 'SO261122150000000043',
      storeName: '静安寺店',
      pickupDeadline: '2026-11-24T13:30:00.000Z',
    });

    await relay();

    const [failed] = await messagesTo(grouper.openid);
    expect(failed).toMatchObject({ template_id: templates.groupResult, page: 'pages/group/detail?id=42' });
    expect(failed.data).toMatchObject({ phrase4: { value: '拼团失败' }, thing5: { value: '未成团，款项将原路退回' } });
    const [ready] = await messagesTo(picker.openid);
    expect(ready).toMatchObject({ template_id: templates.pickupReady, page: 'pages/order/index?id=43' });
    expect(ready.data).toMatchObject({
      character_string1: { value: 'SO261122150000000043' },
      thing2: { value: '静安寺店' },
      time3: { value: '2026年11月24日 21:30' },
    });
  });

  it('a member who did not subscribe: done with not_subscribed, never retried', async () => {
    const member = await newMember();
    const id = await enqueue('group.succeeded', groupPayload(member.id));

    expect(await relay()).toMatchObject({ claimed: 1, skipped: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1, lastError: 'not_subscribed', processedAt: clock.now() });

    // Subscribing later does not bring the old message back.
    await subscribe(member.openid, templates.groupResult);
    clock.advance(24 * 3600_000);
    await relay();
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await messagesTo(member.openid)).toEqual([]);
  });

  it('WeChat busy (-1) twice: retried after 30 s and 60 s, then delivered once', async () => {
    const member = await newMember();
    await subscribe(member.openid, templates.groupResult);
    const id = await enqueue('group.succeeded', groupPayload(member.id));
    await sandbox.fault({ api: 'subscribe', kind: 'errcode', value: -1, times: 2 });

    expect(await relay()).toMatchObject({ claimed: 1, retrying: 1 });
    const first = await rowOf(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(clock.now().getTime() + 30_000) });
    expect(first.lastError).toContain('-1');

    clock.advance(29_000);
    expect(await relay()).toMatchObject({ claimed: 0 }); // not due yet
    clock.advance(1_000);
    expect(await relay()).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(clock.now().getTime() + 60_000) });

    clock.advance(60_000);
    expect(await relay()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect(await messagesTo(member.openid)).toHaveLength(1);
  });

  it('still failing after the configured 3 attempts: dead, with the last error', async () => {
    const member = await newMember();
    await subscribe(member.openid, templates.groupResult);
    const id = await enqueue('group.succeeded', groupPayload(member.id));
    await sandbox.fault({ api: 'subscribe', kind: 'http_error', value: 502, times: 3 });

    await relay();
    clock.advance(30_000);
    await relay();
    clock.advance(60_000);
    expect(await relay()).toMatchObject({ claimed: 1, dead: 1 });

    expect(await rowOf(id)).toMatchObject({
      status: 'dead',
      attempts: 3,
      lastError: expect.stringContaining('http 502'),
      processedAt: null,
    });
    clock.advance(3600_000);
    expect(await relay()).toMatchObject({ claimed: 0 });
    expect(await messagesTo(member.openid)).toEqual([]);
  });

  it('a payload the renderer cannot use, or an unknown member: dead at once, nothing sent', async () => {
    const member = await newMember();
    await subscribe(member.openid, templates.groupResult, 2);
    const broken = await enqueue('group.failed', groupPayload(member.id)); // `refunded` missing
    const stranger = await enqueue('group.succeeded', groupPayload(999_999_999));

    expect(await relay()).toMatchObject({ claimed: 2, dead: 2 });
    expect(await rowOf(broken)).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringMatching(/^bad_payload: refunded/) });
    expect(await rowOf(stranger)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'member_not_found 999999999' });
    expect(await messagesTo(member.openid)).toEqual([]);
  });

  it('two relays at once (two BFF processes) deliver each row exactly once', async () => {
    // A second pool and adapter, as another process would have.
    const other = createDatabase(deps.database.url, { connectionLimit: 5 });
    const otherDeps: RelayDeps = { ...deps, db: other.db, wechat: createMiniProgramApi(deps.config.wechat, deps.redis) };
    try {
      const recipients = await Promise.all(Array.from({ length: 12 }, () => newMember()));
      // Spare subscriptions, so a duplicate send would be accepted and show up in the sandbox.
      for (const member of recipients) await subscribe(member.openid, templates.groupResult, 3);
      const ids = await Promise.all(recipients.map((member) => enqueue('group.succeeded', groupPayload(member.id))));
      // Slow sends keep both relays busy over the same candidate rows.
      await sandbox.fault({ api: 'subscribe', kind: 'delay', value: 30, times: 24 });

      const [a, b] = await Promise.all([relay(deps), relay(otherDeps)]);

      expect(a.claimed + b.claimed).toBe(12);
      expect(a.claimed).toBeGreaterThan(0);
      expect(b.claimed).toBeGreaterThan(0);
      for (const member of recipients) expect(await messagesTo(member.openid)).toHaveLength(1);
      for (const id of ids) expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await other.close();
    }
  });

  // Issue 10: no row may stay pending forever. A topic nobody handles (a row written before the
  // typed registry, or by a producer's bug) ends dead on its first delivery, saying why.
  it('ends a row of a topic without a handler as dead at once, never pending forever', async () => {
    const id = await enqueue('points.credit', { memberId: 1, points: 10 });

    const first = await relay();
    expect(first).toMatchObject({ claimed: 1, dead: 1, sent: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'no handler for topic points.credit' });

    clock.advance(3600_000);
    expect((await relay()).claimed).toBe(0);
  });

  it('leaves rows that are not due yet alone, and delivers them once due', async () => {
    const member = await newMember();
    await subscribe(member.openid, templates.groupResult);
    const id = await enqueue('group.succeeded', groupPayload(member.id), new Date(clock.now().getTime() + 10 * 60_000));
    const before = await rowOf(id);

    await relay();
    expect(await rowOf(id)).toEqual(before);
    expect(await messagesTo(member.openid)).toEqual([]);

    clock.advance(10 * 60_000);
    await relay();
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await messagesTo(member.openid)).toHaveLength(1);
  });

  it('GET /api/notify/templates answers the configured ids without a session', async () => {
    const res = await request(buildApp(deps).callback()).get('/api/notify/templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      groupResult: templates.groupResult,
      pickupReady: templates.pickupReady,
      couponExpiring: templates.couponExpiring,
      flashStart: templates.flashStart,
      liveStart: templates.liveStart,
    });
    expect(templates.groupResult).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(templates.flashStart).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(templates.liveStart).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
