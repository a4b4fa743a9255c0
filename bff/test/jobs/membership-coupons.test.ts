import { and, eq } from 'drizzle-orm';
import { couponTemplates, members, userCoupons } from '@shop/db';
import { seedDemo } from '@shop/db/seed';
import { QueueEvents } from 'bullmq';
import { issueBirthdayCoupons, issueMonthlyCoupons } from '../../src/modules/coupon';
import { MEMBERSHIP_QUEUE, startJobs } from '../../src/jobs/scheduler';
import { createTestDeps, type TestDeps } from '../support/deps';

/** 00:05 on 22 November in Asia/Shanghai. */
const BIRTHDAY_RUN = new Date('2026-11-21T16:05:00.000Z');

describe('scheduled member coupons', () => {
  let deps: TestDeps;

  beforeAll(async () => {
    deps = await createTestDeps({ label: 'jobs' });
    await seedDemo(deps.db, new Date('2026-11-01T00:00:00.000Z'));
  });
  afterAll(() => deps.close());

  async function member(openid: string, patch: Partial<typeof members.$inferInsert>): Promise<number> {
    await deps.db.insert(members).values({ openid, ...patch });
    const [row] = await deps.db.select({ id: members.id }).from(members).where(eq(members.openid, openid));
    return row.id;
  }
  const couponsOf = (memberId: number, source: 'birthday' | 'monthly') =>
    deps.db
      .select({ issueKey: userCoupons.issueKey })
      .from(userCoupons)
      .innerJoin(couponTemplates, eq(couponTemplates.id, userCoupons.templateId))
      .where(and(eq(userCoupons.memberId, memberId), eq(couponTemplates.source, source)));

  it('gives silver and gold members one birthday coupon on their Asia/Shanghai birthday; a rerun issues nothing', async () => {
    const silver = await member('o-bday-silver', { birthday: '1990-11-22', tierCode: 'silver' });
    const gold = await member('o-bday-gold', { birthday: '2001-11-22', tierCode: 'gold' });
    const normal = await member('o-bday-normal', { birthday: '1990-11-22', tierCode: 'normal' });
    const otherDay = await member('o-bday-other', { birthday: '1990-11-21', tierCode: 'gold' });

    const first = await issueBirthdayCoupons(deps.db, BIRTHDAY_RUN);
    const rerun = await issueBirthdayCoupons(deps.db, BIRTHDAY_RUN);

    expect(first.issued).toBe(2);
    expect(rerun.issued).toBe(0);
    expect(await couponsOf(silver, 'birthday')).toEqual([{ issueKey: 'birthday:2026' }]);
    expect(await couponsOf(gold, 'birthday')).toHaveLength(1);
    expect(await couponsOf(normal, 'birthday')).toHaveLength(0);
    expect(await couponsOf(otherDay, 'birthday')).toHaveLength(0);
  });

  it('celebrates 29 February on the 28th in common years', async () => {
    const leapling = await member('o-bday-leap', { birthday: '2000-02-29', tierCode: 'gold' });
    await issueBirthdayCoupons(deps.db, new Date('2027-02-27T16:05:00.000Z'));
    expect(await couponsOf(leapling, 'birthday')).toEqual([{ issueKey: 'birthday:2027' }]);
  });

  it('gives every member one monthly coupon per month, concurrently run twice', async () => {
    const id = await member('o-monthly', {});
    const firstOfMonth = new Date('2026-11-30T16:10:00.000Z'); // 1 December 00:10 in Shanghai
    const [a, b] = await Promise.all([issueMonthlyCoupons(deps.db, firstOfMonth), issueMonthlyCoupons(deps.db, firstOfMonth)]);
    const memberCount = (await deps.db.select({ id: members.id }).from(members)).length;
    expect(a.issued + b.issued).toBe(memberCount);
    expect(await couponsOf(id, 'monthly')).toEqual([{ issueKey: 'monthly:2026-12' }]);
  });

  it('runs through bullmq: the schedules exist in Asia/Shanghai and a queued run issues once', async () => {
    const redisUrl = deps.config.redisUrl;
    const jobs = await startJobs(redisUrl, { ...deps, now: () => BIRTHDAY_RUN }, { schedule: true });
    const events = new QueueEvents(MEMBERSHIP_QUEUE, { connection: { url: redisUrl } });
    try {
      const schedulers = await jobs.queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['birthday-coupons', '5 0 * * *', 'Asia/Shanghai'],
        ['expire-coupons', '1 0 * * *', 'Asia/Shanghai'],
        ['monthly-coupons', '10 0 1 * *', 'Asia/Shanghai'],
        ['remind-expiring-coupons', '0 10 * * *', 'Asia/Shanghai'],
      ]);
      const gold = await member('o-bday-queue', { birthday: '1988-11-22', tierCode: 'gold' });
      const job = await jobs.queue.add('birthday-coupons', {});
      const result = await job.waitUntilFinished(events, 20_000);
      expect(result.issued).toBe(1);
      expect(await couponsOf(gold, 'birthday')).toHaveLength(1);
    } finally {
      await events.close();
      await jobs.queue.obliterate({ force: true });
      await jobs.close();
    }
  });
});
