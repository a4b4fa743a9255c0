import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { couponTemplates, userCoupons } from '@shop/db';
import { issueCoupon } from '../../src/modules/coupon/issue';
import type { CouponTemplate } from '../../src/modules/coupon/queries';
import type { TestDeps } from '../support/deps';

/** Helpers the offline-redemption tests share: templates and coupons made through the module's own issuing. */

export type TemplateOverrides = Partial<typeof couponTemplates.$inferInsert>;

/** A 满199减20 template for both channels and every store, 7 days from issue, unless told otherwise. */
export async function makeTemplate(deps: TestDeps, overrides: TemplateOverrides = {}): Promise<CouponTemplate> {
  const code = `T${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const [inserted] = await deps.db.insert(couponTemplates).values({
    code,
    name: '门店满199减20',
    kind: 'threshold',
    amountOffFen: 2000,
    thresholdFen: 19_900,
    scope: 'all',
    scopeIds: [],
    channel: 'both',
    source: 'center',
    validity: 'relative',
    validDays: 7,
    totalQuantity: 1000,
    perUserLimit: 10,
    ...overrides,
  });
  const [template] = await deps.db.select().from(couponTemplates).where(eq(couponTemplates.id, inserted.insertId));
  return template;
}

/** Gives the member one coupon of the template (issueCoupon, as the jobs do) and answers its id. */
export async function giveCoupon(deps: TestDeps, template: CouponTemplate, memberId: number): Promise<number> {
  const issueKey = `test:${randomUUID().slice(0, 18)}`;
  const result = await deps.db.transaction((tx) => issueCoupon(tx, { template, memberId, issueKey, now: deps.now() }));
  if (result !== 'issued') throw new Error(`coupon not issued: ${result}`);
  const [row] = await deps.db
    .select({ id: userCoupons.id })
    .from(userCoupons)
    .where(and(eq(userCoupons.memberId, memberId), eq(userCoupons.templateId, template.id), eq(userCoupons.issueKey, issueKey)));
  return row.id;
}

export async function couponRow(deps: TestDeps, id: number) {
  const [row] = await deps.db.select().from(userCoupons).where(eq(userCoupons.id, id));
  return row;
}
