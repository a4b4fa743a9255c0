import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { couponTemplates, members, tiers, type Db, type DbOrTx } from '@shop/db';
import { shanghaiDate } from '../../domain/shanghai';
import { issueCoupon } from './issue';
import type { CouponTemplate } from './queries';

/**
 * Member coupons issued by schedule or by an event (docs/domain.md#coupons): birthday coupons for
 * tiers that have them, on the Asia/Shanghai birthday; a monthly member coupon on the 1st; the
 * new-customer coupons on a member's first login. All are idempotent through the issue key, so
 * a rerun (retry, second worker, manual run, a second login) issues nothing twice.
 */
export type IssueSummary = { members: number; issued: number; duplicates: number; soldOut: number };

const PAGE = 500;

export async function issueBirthdayCoupons(db: Db, now: Date): Promise<IssueSummary> {
  const today = shanghaiDate(now);
  const [year, month, day] = today.split('-');
  const templates = await activeTemplates(db, 'birthday', now);
  const birthdayTiers = (await db.select({ code: tiers.code }).from(tiers).where(eq(tiers.birthdayCoupon, true))).map((t) => t.code);
  if (templates.length === 0 || birthdayTiers.length === 0) return emptySummary();

  // Members born on 29 February celebrate on the 28th in common years.
  const days = [`${month}-${day}`];
  if (month === '02' && day === '28' && !isLeapYear(Number(year))) days.push('02-29');
  const monthDay = sql`DATE_FORMAT(${members.birthday}, '%m-%d')`;
  return issueToMembers(db, templates, `birthday:${year}`, now, and(inArray(members.tierCode, birthdayTiers), inArray(monthDay, days)));
}

export async function issueMonthlyCoupons(db: Db, now: Date): Promise<IssueSummary> {
  const month = shanghaiDate(now).slice(0, 7);
  const templates = await activeTemplates(db, 'monthly', now);
  if (templates.length === 0) return emptySummary();
  return issueToMembers(db, templates, `monthly:${month}`, now, undefined);
}

async function issueToMembers(
  db: Db,
  templates: CouponTemplate[],
  issueKey: string,
  now: Date,
  filter: ReturnType<typeof and> | undefined,
): Promise<IssueSummary> {
  const summary = emptySummary();
  let afterId = 0;
  for (;;) {
    const page = await db
      .select({ id: members.id })
      .from(members)
      .where(and(gt(members.id, afterId), filter))
      .orderBy(asc(members.id))
      .limit(PAGE);
    if (page.length === 0) return summary;
    for (const { id } of page) {
      summary.members += 1;
      await db.transaction(async (tx) => {
        for (const template of templates) {
          const result = await issueCoupon(tx, { template, memberId: id, issueKey, now });
          if (result === 'issued') summary.issued += 1;
          else if (result === 'duplicate') summary.duplicates += 1;
          else summary.soldOut += 1;
        }
      });
    }
    afterId = page[page.length - 1].id;
  }
}

async function activeTemplates(db: DbOrTx, source: 'birthday' | 'monthly' | 'new_customer', now: Date): Promise<CouponTemplate[]> {
  const rows = await db
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.source, source), eq(couponTemplates.status, 'active')));
  // A fixed-window template is only handed out while its window is open.
  return rows.filter((t) => t.validity === 'relative' || (t.validTo !== null && t.validTo > now));
}

/**
 * 新人券: every active new-customer template, once per person — the issue key is the same for
 * every login and device, and the login only asks when it created the member.
 */
export async function issueNewCustomerCoupons(db: Db, memberId: number, now: Date): Promise<IssueSummary> {
  const templates = await activeTemplates(db, 'new_customer', now);
  const summary = emptySummary();
  if (templates.length === 0) return summary;
  summary.members = 1;
  await db.transaction(async (tx) => {
    for (const template of templates) {
      const result = await issueCoupon(tx, { template, memberId, issueKey: 'new_customer', now });
      summary[result === 'issued' ? 'issued' : result === 'duplicate' ? 'duplicates' : 'soldOut'] += 1;
    }
  });
  return summary;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function emptySummary(): IssueSummary {
  return { members: 0, issued: 0, duplicates: 0, soldOut: 0 };
}
