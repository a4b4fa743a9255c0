import type { CouponSource, Tx } from '@shop/db';
import { countIssued, insertUserCoupon, type CouponTemplate } from './queries';
import { validityOf } from './validity';

export type IssueResult = 'issued' | 'duplicate' | 'sold_out';

/**
 * Gives a member one coupon of a template by schedule (monthly, birthday) or on first login,
 * exactly once per `issueKey` (`birthday:2026`, `monthly:2026-11`, `new_customer`): the unique
 * (member, template, issue_key) index makes reruns and concurrent attempts harmless, and the
 * guarded counter keeps the template's total quantity. Not a claim: the per-user limit (which
 * counts claims) and the audience do not apply; the caller chose the members. Runs in a
 * savepoint so a sold-out template does not roll back the caller's other work.
 */
export async function issueCoupon(
  tx: Tx,
  input: { template: CouponTemplate; memberId: number; issueKey: string; now: Date; source?: CouponSource },
): Promise<IssueResult> {
  const { template, memberId, issueKey, now } = input;
  const { validFrom, validTo } = validityOf(template, now);
  try {
    return await tx.transaction(async (sp) => {
      const id = await insertUserCoupon(sp, {
        templateId: template.id,
        memberId,
        issueKey,
        source: input.source ?? template.source,
        validFrom,
        validTo,
      });
      if (id === null) return 'duplicate';
      if (!(await countIssued(sp, template.id))) throw new SoldOut();
      return 'issued';
    });
  } catch (err) {
    if (err instanceof SoldOut) return 'sold_out';
    throw err;
  }
}

class SoldOut extends Error {}
