import { and, eq, inArray, sql } from 'drizzle-orm';
import { groupCampaigns, groupMembers, groups, orders, outbox, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { applyOrderEvent } from '../order/transitions';
import { READ_COMMITTED } from '../../transactions';
import { executeRefund, requestRefund } from '../refund/service';
import { expiredOpenGroups, findCampaign, lockGroup, membersOfGroup, unrefundedOrdersOfFailedGroups, type GroupRow } from './queries';

/**
 * A group's life after admission: the leader's payment opens it, the Nth payment makes it
 * succeed, the clock makes it fail. Every step locks the group row first, so the last payment
 * and the expiry cannot both win: whichever commits first decides, the other sees its result.
 */

export type PaidOutcome =
  | { kind: 'opened'; groupId: number; expiresAt: Date }
  | { kind: 'waiting'; groupId: number }
  | { kind: 'succeeded'; groupId: number }
  /** The group had already failed (or fails now, its time being up): this payment is refunded. */
  | { kind: 'failed'; groupId: number };

/** In the payment transaction, after the order moved to awaiting_group. */
export async function onGroupMemberPaid(tx: Tx, order: { id: number; groupId: number | null }, now: Date): Promise<PaidOutcome | null> {
  if (!order.groupId) return null;
  const group = (await lockGroup(tx, order.groupId))!;
  await tx
    .update(groupMembers)
    .set({ status: 'paid', paidAt: now })
    .where(and(eq(groupMembers.orderId, order.id), eq(groupMembers.status, 'held')));
  if (group.status === 'failed' || group.status === 'succeeded') return { kind: 'failed', groupId: group.id };
  if (group.status === 'pending') return openPendingGroup(tx, group, now);
  if (group.expiresAt && group.expiresAt <= now) {
    await failGroup(tx, group, now);
    return { kind: 'failed', groupId: group.id };
  }
  const paidCount = group.paidCount + 1;
  await tx.update(groups).set({ paidCount }).where(eq(groups.id, group.id));
  if (paidCount < group.groupSize) return { kind: 'waiting', groupId: group.id };
  await succeedGroup(tx, group, now);
  return { kind: 'succeeded', groupId: group.id };
}

/** The leader paid: the group opens and its clock starts (never past the campaign's end). */
async function openPendingGroup(tx: Tx, group: GroupRow, now: Date): Promise<PaidOutcome> {
  const campaign = (await findCampaign(tx, group.campaignId))!;
  const expiresAt = new Date(Math.min(now.getTime() + campaign.fillSeconds * 1000, campaign.endsAt.getTime()));
  await tx.update(groups).set({ status: 'open', paidCount: 1, expiresAt }).where(eq(groups.id, group.id));
  return { kind: 'opened', groupId: group.id, expiresAt };
}

/** Every paid member's order moves on to the store, in this one transaction. */
async function succeedGroup(tx: Tx, group: GroupRow, now: Date): Promise<void> {
  await tx.update(groups).set({ status: 'succeeded', succeededAt: now }).where(eq(groups.id, group.id));
  const waiting = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.groupId, group.id), eq(orders.status, 'awaiting_group')))
    .for('update');
  for (const order of waiting) {
    await applyOrderEvent(tx, order, 'group_succeeded', { type: 'system' }, { reason: 'group_succeeded', detail: { groupId: group.id } });
  }
  await notifyMembers(tx, group, 'group.succeeded', now);
}

/**
 * Time ran out (or a payment arrived too late): the group fails, the campaign stock of every
 * seat still in it goes back, and paid members are told; their refunds follow (refundFailedGroup).
 */
async function failGroup(tx: Tx, group: GroupRow, now: Date): Promise<void> {
  await tx.update(groups).set({ status: 'failed', failedAt: now }).where(eq(groups.id, group.id));
  const [seats] = await tx
    .select({ units: sql<string | null>`sum(${groupMembers.qty})` })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, group.id), inArray(groupMembers.status, ['held', 'paid'])));
  const units = Number(seats?.units ?? 0);
  if (units > 0) {
    await tx
      .update(groupCampaigns)
      .set({ usedStock: sql`greatest(${groupCampaigns.usedStock} - ${units}, 0)` })
      .where(eq(groupCampaigns.id, group.campaignId));
  }
  await notifyMembers(tx, group, 'group.failed', now);
}

/** One subscribe message per paid member, through the outbox (delivered by the relay job). */
async function notifyMembers(tx: Tx, group: GroupRow, topic: 'group.succeeded' | 'group.failed', now: Date): Promise<void> {
  const campaign = (await findCampaign(tx, group.campaignId))!;
  const seats = (await membersOfGroup(tx, group.id)).filter((m) => m.seat.status === 'paid');
  const paidOrders = seats.length
    ? await tx
        .select({ id: orders.id, payableFen: orders.payableFen })
        .from(orders)
        .where(
          inArray(
            orders.id,
            seats.map((s) => s.seat.orderId),
          ),
        )
    : [];
  const rows = seats.map(({ seat }) => ({
    topic,
    dedupeKey: `${topic}:${group.id}:${seat.memberId}`,
    payload: {
      memberId: seat.memberId,
      orderId: seat.orderId,
      groupId: group.id,
      campaignTitle: campaign.title,
      groupSize: group.groupSize,
      payableFen: paidOrders.find((o) => o.id === seat.orderId)?.payableFen ?? 0,
      ...(topic === 'group.failed' ? { refunded: true } : {}),
    },
    nextAttemptAt: now,
  }));
  // A message already queued for this member and group stays as it is (no-op update).
  if (rows.length)
    await tx
      .insert(outbox)
      .values(rows)
      .onDuplicateKeyUpdate({ set: { topic: sql`${outbox.topic}` } });
}

type Deps = Pick<AppDeps, 'db' | 'now' | 'config' | 'pay' | 'logger'>;

/** The expiry job (and sweeper): fails the group if it is still open after its time. */
export async function expireGroup(deps: Deps, groupId: number): Promise<'failed' | 'not_due'> {
  const now = deps.now();
  const failed = await deps.db.transaction(async (tx) => {
    const group = await lockGroup(tx, groupId);
    if (!group || group.status !== 'open' || !group.expiresAt || group.expiresAt > now) return false;
    await failGroup(tx, group, now);
    return true;
  }, READ_COMMITTED);
  if (!failed) return 'not_due';
  await refundFailedGroup(deps, groupId);
  return 'failed';
}

/**
 * Refunds every paid order of a failed group in full through the refund path (stock and coupon
 * go back when WeChat confirms). Idempotent per order (request key `group_failed`); a refund
 * call that fails stays due and the refund retry job sends it again.
 */
export async function refundFailedGroup(deps: Deps, groupId: number): Promise<number> {
  const waiting = await deps.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.groupId, groupId), eq(orders.status, 'awaiting_group')));
  for (const { id } of waiting) await refundGroupOrder(deps, id);
  return waiting.length;
}

/** Requests (once) and sends the refund of one paid order of a failed group; true when it was new. */
async function refundGroupOrder(deps: Deps, orderId: number): Promise<boolean> {
  const { refund, created } = await requestRefund(deps, {
    orderId,
    requestKey: 'group_failed',
    reason: '拼团未成功，自动全额退款',
    source: 'group_failed',
  });
  await deps.db
    .update(groupMembers)
    .set({ status: 'refunded' })
    .where(and(eq(groupMembers.orderId, orderId), eq(groupMembers.status, 'paid')));
  if (!created) return false;
  await executeRefund(deps, refund.id).catch((err: unknown) => {
    deps.logger.warn({ err, orderId, refundId: refund.id }, 'group refund call failed; the refund retry job sends it again');
  });
  return true;
}

/** Backstop for lost expiry jobs and for refunds a crash interrupted; counts the refunds it had to request. */
export async function sweepGroups(deps: Deps, batch = 100): Promise<{ expired: number; refunded: number }> {
  let expired = 0;
  for (const id of await expiredOpenGroups(deps.db, deps.now(), batch)) {
    if ((await expireGroup(deps, id).catch((err: unknown) => logSweepError(deps, err, id))) === 'failed') expired += 1;
  }
  let refunded = 0;
  for (const orderId of await unrefundedOrdersOfFailedGroups(deps.db, batch)) {
    const created = await refundGroupOrder(deps, orderId).catch((err: unknown) => {
      deps.logger.warn({ err, orderId }, 'requesting a failed-group refund failed');
      return false;
    });
    if (created) refunded += 1;
  }
  return { expired, refunded };
}

function logSweepError(deps: Pick<Deps, 'logger'>, err: unknown, groupId: number): 'not_due' {
  deps.logger.warn({ err, groupId }, 'expiring a group failed');
  return 'not_due';
}
