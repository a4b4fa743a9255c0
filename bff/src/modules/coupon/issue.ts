import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { couponTemplates, userCoupons, type Tx } from '@shop/db';

export type CouponTemplate = typeof couponTemplates.$inferSelect;
export type IssueResult = 'issued' | 'duplicate' | 'sold_out';

const DAY_MS = 24 * 3600_000;

/**
 * Gives a member one coupon of a template, exactly once per `issueKey` (e.g. `birthday:2026`,
 * `monthly:2026-11`, `claim:2`): the unique (member, template, issue_key) index makes reruns and
 * concurrent attempts harmless, and the guarded counter keeps the template's total quantity.
 * Runs in a savepoint so a sold-out template does not roll back the caller's other work.
 */
export async function issueCoupon(
  tx: Tx,
  input: { template: CouponTemplate; memberId: number; issueKey: string; now: Date },
): Promise<IssueResult> {
  const { template, memberId, issueKey, now } = input;
  const { validFrom, validTo } = validityOf(template, now);
  try {
    return await tx.transaction(async (sp) => {
      const [inserted] = await sp
        .insert(userCoupons)
        .ignore()
        .values({ templateId: template.id, memberId, issueKey, source: template.source, code: newCouponCode(), validFrom, validTo });
      if (inserted.affectedRows === 0) return 'duplicate';
      const [counted] = await sp
        .update(couponTemplates)
        .set({ issuedCount: sql`${couponTemplates.issuedCount} + 1` })
        .where(and(eq(couponTemplates.id, template.id), sql`${couponTemplates.issuedCount} < ${couponTemplates.totalQuantity}`));
      if (counted.affectedRows === 0) throw new SoldOut();
      return 'issued';
    });
  } catch (err) {
    if (err instanceof SoldOut) return 'sold_out';
    throw err;
  }
}

class SoldOut extends Error {}

export function validityOf(template: CouponTemplate, now: Date): { validFrom: Date; validTo: Date } {
  if (template.validity === 'relative') {
    return { validFrom: now, validTo: new Date(now.getTime() + (template.validDays ?? 0) * DAY_MS) };
  }
  if (!template.validFrom || !template.validTo) throw new Error(`coupon template ${template.code} has no fixed window`);
  return { validFrom: template.validFrom, validTo: template.validTo };
}

/**
 * 16 digits from a CSPRNG: what staff scan at the till. INSERT IGNORE also skips a (practically
 * impossible) code collision; the caller sees 'duplicate' and may retry.
 */
function newCouponCode(): string {
  return `8${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
}
