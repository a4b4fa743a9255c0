import { and, eq, inArray } from 'drizzle-orm';
import { couponTemplates, userCoupons, type DbOrTx, type Tx } from '@shop/db';
import { couponFace, templateValidityText, type CouponFace } from '../../domain/coupon-face';
import { claimOrThrow } from './claim';
import { isIssuable } from './validity';

/**
 * Coupons dropped in a live room (直播间发券, docs/domain.md#live-links). The live module decides
 * whether a drop is open (broadcast live, drop time reached); the claim itself is the one claim
 * path (claim.ts), so the template's stock and per-user limit hold exactly as everywhere else.
 * Each drop is claimed at most once per member: the issue key names the drop.
 */
export const liveDropIssueKey = (dropId: number) => `live-drop:${dropId}`;

export function claimLiveDrop(tx: Tx, request: { dropId: number; templateId: number; memberId: number; now: Date }) {
  return claimOrThrow(tx, {
    templateId: request.templateId,
    memberId: request.memberId,
    source: 'live',
    now: request.now,
    issueKey: liveDropIssueKey(request.dropId),
  });
}

export type LiveDropCoupon = {
  templateId: number;
  name: string;
  face: CouponFace;
  validityText: string;
  remaining: number;
  /** The template still hands out coupons (active, inside its window, offered in live rooms). */
  issuable: boolean;
};

/** What each template dropped shows: face, validity and what is left. Shared by every member (cacheable). */
export async function liveDropCoupons(db: DbOrTx, templateIds: number[], now: Date): Promise<Map<number, LiveDropCoupon>> {
  if (templateIds.length === 0) return new Map();
  const rows = await db.select().from(couponTemplates).where(inArray(couponTemplates.id, templateIds));
  return new Map(
    rows.map((t) => [
      t.id,
      {
        templateId: t.id,
        name: t.name,
        face: couponFace(t),
        validityText: templateValidityText(t),
        remaining: Math.max(0, t.totalQuantity - t.issuedCount),
        issuable: t.source === 'live' && isIssuable(t, now),
      },
    ]),
  );
}

/** The drops (by id) this member already claimed. */
export async function claimedLiveDrops(db: DbOrTx, memberId: number, dropIds: number[]): Promise<Set<number>> {
  if (dropIds.length === 0) return new Set();
  const rows = await db
    .select({ issueKey: userCoupons.issueKey })
    .from(userCoupons)
    .where(and(eq(userCoupons.memberId, memberId), inArray(userCoupons.issueKey, dropIds.map(liveDropIssueKey))));
  return new Set(rows.map((r) => Number(r.issueKey.slice('live-drop:'.length))));
}

/** Whether a template exists and is offered in live rooms (head office's drop validation). */
export async function isLiveTemplate(db: DbOrTx, templateId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: couponTemplates.id })
    .from(couponTemplates)
    .where(and(eq(couponTemplates.id, templateId), eq(couponTemplates.source, 'live')))
    .limit(1);
  return Boolean(row);
}
