import { randomInt } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { couponTemplates, userCoupons, type CouponSource, type DbOrTx, type Tx } from '@shop/db';

export type CouponTemplate = typeof couponTemplates.$inferSelect;
export type UserCouponRow = typeof userCoupons.$inferSelect;

export async function findTemplate(db: DbOrTx, id: number): Promise<CouponTemplate | undefined> {
  const [row] = await db.select().from(couponTemplates).where(eq(couponTemplates.id, id)).limit(1);
  return row;
}

/** How many coupons of a template the member has ever held (used, expired and returned ones count). */
export async function heldCount(db: DbOrTx, templateId: number, memberId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(userCoupons)
    .where(and(eq(userCoupons.templateId, templateId), eq(userCoupons.memberId, memberId)));
  return row?.n ?? 0;
}

export type NewUserCoupon = {
  templateId: number;
  memberId: number;
  issueKey: string;
  source: CouponSource;
  validFrom: Date;
  validTo: Date;
};

/** INSERT IGNORE on (member, template, issue_key): 0 = this issue already happened. */
export async function insertUserCoupon(tx: Tx, coupon: NewUserCoupon): Promise<number | null> {
  const [inserted] = await tx
    .insert(userCoupons)
    .ignore()
    .values({ ...coupon, code: newCouponCode() });
  return inserted.affectedRows === 0 ? null : inserted.insertId;
}

/** The template's guarded counter: false when its total quantity is already out. */
export async function countIssued(tx: Tx, templateId: number): Promise<boolean> {
  const [counted] = await tx
    .update(couponTemplates)
    .set({ issuedCount: sql`${couponTemplates.issuedCount} + 1` })
    .where(and(eq(couponTemplates.id, templateId), sql`${couponTemplates.issuedCount} < ${couponTemplates.totalQuantity}`));
  return counted.affectedRows === 1;
}

/**
 * 16 digits from a CSPRNG, unique by index: the coupon's own number. Staff never see it
 * (they scan the rotating code derived from the coupon id), it identifies the coupon in support.
 */
function newCouponCode(): string {
  return `8${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
}
