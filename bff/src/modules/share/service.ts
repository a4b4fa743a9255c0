import { eq } from 'drizzle-orm';
import { attributionVisits, groups, liveRooms, members, products, shareEvents, type DbOrTx } from '@shop/db';
import { errors } from '../../http/errors';
import { sharePath, type ShareTarget } from './paths';

export type ShareMedium = 'card' | 'qrcode' | 'poster' | 'link';

/** POST /api/shares: records who shared what, and answers with the path the card should open. */
export async function recordShare(
  db: DbOrTx,
  sharerId: number,
  share: { type: ShareTarget; targetId: number; medium: ShareMedium },
): Promise<{ path: string }> {
  await assertTargetExists(db, share.type, share.targetId);
  const path = sharePath(share.type, share.targetId, sharerId);
  await db.insert(shareEvents).values({ sharerId, targetType: share.type, targetId: share.targetId, medium: share.medium, path });
  return { path };
}

export type Visit = { targetType: ShareTarget; targetId: number; sharerId?: number; scene?: string };

/**
 * POST /api/visits: someone opened a shared card or scanned a code (who brought whom). Best
 * effort by design: an unknown sharer is dropped, and a visitor is never their own sharer.
 */
export async function recordVisit(db: DbOrTx, visitorId: number | undefined, visit: Visit): Promise<void> {
  await assertTargetExists(db, visit.targetType, visit.targetId);
  let sharerId = visit.sharerId && visit.sharerId !== visitorId ? visit.sharerId : null;
  if (sharerId) {
    const [sharer] = await db.select({ id: members.id }).from(members).where(eq(members.id, sharerId)).limit(1);
    sharerId = sharer?.id ?? null;
  }
  await db.insert(attributionVisits).values({
    sharerId,
    visitorMemberId: visitorId ?? null,
    targetType: visit.targetType,
    targetId: visit.targetId,
    // WeChat's launch scene (1007 card, 1047 code …); a code's own scene string is not stored.
    scene: visit.scene && /^\d{1,8}$/.test(visit.scene) ? visit.scene : null,
    liveRoomId: visit.targetType === 'live' ? visit.targetId : null,
  });
}

/**
 * A coupon touch for attribution (扫码领券 scan, 分享领券 claim), written inside the coupon
 * module's transaction: the caller has already read the template and the sharer there, so
 * nothing is looked up again. The target is the coupon template; a store QR has no sharer.
 */
export async function recordCouponVisit(
  db: DbOrTx,
  visit: { visitorId: number; templateId: number; sharerId: number | null; scene?: string },
): Promise<void> {
  await db.insert(attributionVisits).values({
    sharerId: visit.sharerId !== visit.visitorId ? visit.sharerId : null,
    visitorMemberId: visit.visitorId,
    targetType: 'coupon',
    targetId: visit.templateId,
    scene: visit.scene && /^\d{1,8}$/.test(visit.scene) ? visit.scene : null,
  });
}

/** A member opened a coupon pack to share (分享领券): the share event, with the path the card opens. */
export async function recordCouponShare(db: DbOrTx, share: { sharerId: number; templateId: number; path: string }): Promise<void> {
  await db
    .insert(shareEvents)
    .values({ sharerId: share.sharerId, targetType: 'coupon', targetId: share.templateId, medium: 'card', path: share.path });
}

const TARGET_TABLES = { group: groups, product: products, live: liveRooms } as const;

async function assertTargetExists(db: DbOrTx, type: ShareTarget, id: number): Promise<void> {
  const table = TARGET_TABLES[type];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id)).limit(1);
  if (!row) throw errors.notFound('SHARE_TARGET_NOT_FOUND', '分享的内容不存在');
}
