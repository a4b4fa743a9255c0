import { and, eq } from 'drizzle-orm';
import { members, pointsLedger, type Tx } from '@shop/db';
import { pointsForPaid, pointsToReverse, tierAfterSpendChange } from '../../domain/membership';
import { errors } from '../../http/errors';
import { listTiers, lockMember } from './queries';

/**
 * Points and tier spend: the membership side of completed orders and refunds. Every function
 * runs inside the caller's transaction and is idempotent per (member, reason, reference): a
 * retried completion or refund changes nothing the second time.
 */
export type PointsChange = { memberId: number; delta: number; reason: string; reference: string; note?: string };
export type PointsResult = { applied: boolean; delta: number; balance: number };

/**
 * Applies a points change once. Negative changes are clamped at the balance (points never go
 * negative, e.g. a refund after the points were spent), and the ledger records what was applied.
 */
export async function changePoints(tx: Tx, change: PointsChange): Promise<PointsResult> {
  const member = await lockMember(tx, change.memberId);
  if (!member) throw new Error(`member ${change.memberId} not found`);
  const [existing] = await tx
    .select({ delta: pointsLedger.delta })
    .from(pointsLedger)
    .where(
      and(eq(pointsLedger.memberId, change.memberId), eq(pointsLedger.reason, change.reason), eq(pointsLedger.reference, change.reference)),
    )
    .limit(1);
  if (existing) return { applied: false, delta: existing.delta, balance: member.pointsBalance };

  const delta = Math.max(change.delta, -member.pointsBalance);
  const balance = member.pointsBalance + delta;
  await tx.insert(pointsLedger).values({
    memberId: change.memberId,
    delta,
    balanceAfter: balance,
    reason: change.reason,
    reference: change.reference,
    note: delta !== change.delta ? `clamped from ${change.delta}` : change.note,
  });
  await tx.update(members).set({ pointsBalance: balance }).where(eq(members.id, change.memberId));
  return { applied: true, delta, balance };
}

/**
 * Spends points on something bought with them (积分兑换): unlike a reversal it is never clamped —
 * too few points refuses the whole spend, so the caller's transaction rolls back with it.
 * Idempotent per (member, reason, reference) like every change.
 */
export async function spendPoints(
  tx: Tx,
  spend: { memberId: number; points: number; reason: string; reference: string; note?: string },
): Promise<PointsResult> {
  if (!Number.isInteger(spend.points) || spend.points <= 0) throw new Error('points to spend must be a positive integer');
  const member = await lockMember(tx, spend.memberId);
  if (!member) throw new Error(`member ${spend.memberId} not found`);
  if (member.pointsBalance < spend.points)
    throw errors.rule('POINTS_INSUFFICIENT', `积分不足，还差 ${spend.points - member.pointsBalance} 积分`);
  return changePoints(tx, {
    memberId: spend.memberId,
    delta: -spend.points,
    reason: spend.reason,
    reference: spend.reference,
    note: spend.note,
  });
}

/** Adds (or, for refunds, subtracts) net spend and raises the tier when a threshold is crossed. */
async function changeSpend(tx: Tx, memberId: number, deltaFen: number): Promise<void> {
  const member = await lockMember(tx, memberId);
  if (!member) throw new Error(`member ${memberId} not found`);
  const spent = Math.max(0, member.totalSpentFen + deltaFen);
  const tier = tierAfterSpendChange(await listTiers(tx), member.tierCode, spent);
  await tx.update(members).set({ totalSpentFen: spent, tierCode: tier.code }).where(eq(members.id, memberId));
}

/** An order (online pickup or till sale) completed: credit points and tier spend once. */
export async function creditCompletedOrder(tx: Tx, input: { memberId: number; orderNo: string; paidFen: number }): Promise<PointsResult> {
  const result = await changePoints(tx, {
    memberId: input.memberId,
    delta: pointsForPaid(input.paidFen),
    reason: 'order_completed',
    reference: input.orderNo,
  });
  if (result.applied) await changeSpend(tx, input.memberId, input.paidFen);
  return result;
}

/** A refund succeeded: take back points in proportion and lower net spend (never the tier), once. */
export async function reverseForRefund(
  tx: Tx,
  input: { memberId: number; orderNo: string; refundNo: string; paidFen: number; refundedBeforeFen: number; refundFen: number },
): Promise<PointsResult> {
  const [credit] = await tx
    .select({ delta: pointsLedger.delta })
    .from(pointsLedger)
    .where(
      and(eq(pointsLedger.memberId, input.memberId), eq(pointsLedger.reason, 'order_completed'), eq(pointsLedger.reference, input.orderNo)),
    )
    .limit(1);
  // Refund before completion: no points were credited and no spend was counted.
  if (!credit) return { applied: false, delta: 0, balance: (await lockMember(tx, input.memberId))?.pointsBalance ?? 0 };
  const reverse = pointsToReverse({
    creditedPoints: credit.delta,
    paidFen: input.paidFen,
    refundedBeforeFen: input.refundedBeforeFen,
    refundFen: input.refundFen,
  });
  const result = await changePoints(tx, {
    memberId: input.memberId,
    delta: -reverse,
    reason: 'refund_reversal',
    reference: input.refundNo,
  });
  if (result.applied) await changeSpend(tx, input.memberId, -input.refundFen);
  return result;
}
