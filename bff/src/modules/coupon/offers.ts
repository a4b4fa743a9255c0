import { and, desc, eq, inArray } from 'drizzle-orm';
import { couponTemplates, type CouponSource, type Db } from '@shop/db';
import { couponFace, templateValidityText } from '../../domain/coupon-face';
import type { CouponTemplate } from './queries';
import { isIssuable } from './validity';

/**
 * Templates offered through a source other than the claim centre, for the pages that start
 * that source: 邀请好友领券 lists the share templates (with their goal and reward), and staff's
 * 生成领券码 lists the 扫码领券 templates their store may hand out.
 */
async function offered(db: Db, source: CouponSource, now: Date): Promise<CouponTemplate[]> {
  const rows = await db
    .select()
    .from(couponTemplates)
    .where(and(eq(couponTemplates.source, source), eq(couponTemplates.status, 'active')))
    .orderBy(desc(couponTemplates.id))
    .limit(100);
  return rows.filter((t) => isIssuable(t, now) && t.issuedCount < t.totalQuantity);
}

const summary = (t: CouponTemplate) => ({
  templateId: t.id,
  name: t.name,
  face: couponFace(t),
  validityText: templateValidityText(t),
  remaining: t.totalQuantity - t.issuedCount,
});

export async function shareableTemplates(db: Db, now: Date) {
  const shares = (await offered(db, 'share', now)).filter((t) => t.shareGoal !== null && t.shareRewardTemplateId !== null);
  const rewardIds = shares.map((t) => t.shareRewardTemplateId!);
  const rewards = rewardIds.length ? await db.select().from(couponTemplates).where(inArray(couponTemplates.id, rewardIds)) : [];
  return {
    items: shares.flatMap((t) => {
      const reward = rewards.find((r) => r.id === t.shareRewardTemplateId);
      return reward
        ? [{ ...summary(t), shareGoal: t.shareGoal!, reward: { templateId: reward.id, name: reward.name, face: couponFace(reward) } }]
        : [];
    }),
  };
}

/** The 扫码领券 templates a store may mint tokens for (none listed = every store). */
export async function qrTemplatesForStore(db: Db, storeId: number | null, now: Date) {
  const templates = await offered(db, 'store_qr', now);
  return { items: templates.filter((t) => storeId === null || t.storeIds.length === 0 || t.storeIds.includes(storeId)).map(summary) };
}
