import { and, asc, eq, sql } from 'drizzle-orm';
import { couponTemplates, pointsExchangeItems, userCoupons, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { couponFace, templateValidityText } from '../../domain/coupon-face';
import { errors } from '../../http/errors';
import { assertSameRequest } from '../../http/fingerprint';
import { findMemberById, lockMember, spendPoints } from '../member';
import { claimCoupon, claimError } from './claim';
import { findMyCoupon } from './mine';
import { isIssuable } from './validity';

/**
 * 积分兑换 (docs/domain.md#coupons): a coupon for points. One transaction takes the item's stock,
 * claims the coupon (every claim rule holds) and debits the points; any failure — too few points,
 * the template sold out, a fault in between — rolls back all three. The request's idempotency
 * key is the coupon's issue key (`points:<key>`), so a retried request answers the coupon it
 * already bought instead of buying a second; the coupon keeps the request's fingerprint, so the
 * same key for another item is 422 IDEMPOTENCY_KEY_REUSED rather than a second purchase.
 */
type Deps = Pick<AppDeps, 'db' | 'now'>;

export async function listExchange(deps: Deps, memberId: number | null) {
  const now = deps.now();
  const rows = await deps.db
    .select({ item: pointsExchangeItems, template: couponTemplates })
    .from(pointsExchangeItems)
    .innerJoin(couponTemplates, eq(couponTemplates.id, pointsExchangeItems.templateId))
    .where(eq(pointsExchangeItems.status, 'active'))
    .orderBy(asc(pointsExchangeItems.sort), asc(pointsExchangeItems.id));
  const balance = memberId ? ((await findMemberById(deps.db, memberId))?.pointsBalance ?? 0) : 0;
  return {
    pointsBalance: balance,
    items: rows
      .filter(({ template }) => isIssuable(template, now))
      .map(({ item, template }) => ({
        id: item.id,
        templateId: template.id,
        name: template.name,
        face: couponFace(template),
        validityText: templateValidityText(template),
        pointsCost: item.pointsCost,
        stock: item.stock,
        affordable: item.stock > 0 && balance >= item.pointsCost && template.issuedCount < template.totalQuantity,
      })),
  };
}

export async function exchangeForCoupon(deps: Deps, memberId: number, itemId: number, requestKey: string, fingerprint: string) {
  const now = deps.now();
  const issueKey = `points:${requestKey}`;
  const bought = await deps.db.transaction(async (tx) => {
    // The member's row lock first (the claim takes it anyway): two requests with one key queue
    // here, and the second finds the first one's coupon below, whatever item it named.
    await lockMember(tx, memberId);
    const [earlier] = await tx
      .select({ id: userCoupons.id, fingerprint: userCoupons.requestFingerprint })
      .from(userCoupons)
      .where(and(eq(userCoupons.memberId, memberId), eq(userCoupons.issueKey, issueKey)))
      .limit(1);
    if (earlier) {
      assertSameRequest(earlier.fingerprint, fingerprint, '兑换');
      return { kind: 'replay' as const, userCouponId: earlier.id };
    }
    const [item] = await tx.select().from(pointsExchangeItems).where(eq(pointsExchangeItems.id, itemId)).for('update').limit(1);
    if (!item || item.status !== 'active') throw errors.notFound('EXCHANGE_ITEM_NOT_FOUND', '兑换商品不存在或已下架');

    const claimed = await claimCoupon(tx, { templateId: item.templateId, memberId, source: 'points', issueKey, now });
    if (!claimed.ok && claimed.refusal === 'ALREADY_CLAIMED')
      return { kind: 'replay' as const, userCouponId: await couponOfKey(tx, memberId, item.templateId, issueKey) };
    if (!claimed.ok) throw claimError(claimed.refusal);
    await tx.update(userCoupons).set({ requestFingerprint: fingerprint }).where(eq(userCoupons.id, claimed.userCouponId));
    if (item.stock <= 0) throw errors.conflict('EXCHANGE_SOLD_OUT', '该兑换商品已兑完');

    const spent = await spendPoints(tx, {
      memberId,
      points: item.pointsCost,
      reason: 'exchange',
      reference: `coupon:${claimed.userCouponId}`,
    });
    const [taken] = await tx
      .update(pointsExchangeItems)
      .set({ stock: sql`${pointsExchangeItems.stock} - 1` })
      .where(and(eq(pointsExchangeItems.id, item.id), sql`${pointsExchangeItems.stock} > 0`));
    if (taken.affectedRows === 0) throw errors.conflict('EXCHANGE_SOLD_OUT', '该兑换商品已兑完');
    return { kind: 'bought' as const, userCouponId: claimed.userCouponId, pointsSpent: item.pointsCost, pointsBalance: spent.balance };
  });

  if (bought.kind === 'replay') return replay(deps, memberId, bought.userCouponId);
  const coupon = await findMyCoupon(deps.db, memberId, bought.userCouponId, now);
  return { coupon: coupon!, pointsSpent: bought.pointsSpent, pointsBalance: bought.pointsBalance };
}

async function couponOfKey(tx: Tx, memberId: number, templateId: number, issueKey: string) {
  const [row] = await tx
    .select({ id: userCoupons.id })
    .from(userCoupons)
    .where(and(eq(userCoupons.memberId, memberId), eq(userCoupons.templateId, templateId), eq(userCoupons.issueKey, issueKey)))
    .limit(1);
  return row!.id;
}

/** A retried request: the same coupon and what it cost, nothing bought again. */
async function replay(deps: Deps, memberId: number, userCouponId: number) {
  const now = deps.now();
  const coupon = await findMyCoupon(deps.db, memberId, userCouponId, now);
  const member = await findMemberById(deps.db, memberId);
  const [item] = await deps.db
    .select({ pointsCost: pointsExchangeItems.pointsCost })
    .from(pointsExchangeItems)
    .innerJoin(userCoupons, eq(userCoupons.templateId, pointsExchangeItems.templateId))
    .where(eq(userCoupons.id, userCouponId))
    .limit(1);
  return { coupon: coupon!, pointsSpent: item?.pointsCost ?? 0, pointsBalance: member?.pointsBalance ?? 0 };
}
