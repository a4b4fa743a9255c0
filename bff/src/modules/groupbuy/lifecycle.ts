import { and, eq, inArray, sql } from 'drizzle-orm';
import { enqueue } from '../outbox';
import { groupCampaigns, groupMembers, groups, orders, type Tx } from '@shop/db';
import type { AppDeps } from '../../deps';
import { applyTransition, tryTransition, type Actor } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { applyOrderEvent } from '../order';
import { READ_COMMITTED } from '../../transactions';
import { executeRefund, requestRefund } from '../refund';
import {
  expiredOpenGroups,
  findCampaign,
  lockGroup,
  membersOfGroup,
  seatOfOrder,
  unrefundedOrdersOfFailedGroups,
  type GroupRow,
} from './queries';

const SYSTEM: Actor = { type: 'system' };
/** A seat becomes paid when WeChat's payment for its order lands. */
const WECHAT: Actor = { type: 'wechat' };

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
  // Only a held seat becomes paid; any other (a repeated settlement) stays as it is.
  const seat = await seatOfOrder(tx, order.id);
  if (seat) await tryTransition(tx, lifecycles.groupSeat, seat, 'pay', { actor: WECHAT, at: now, set: { paidAt: now } });
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
  await applyTransition(tx, lifecycles.group, group, 'open', { actor: SYSTEM, at: now, set: { paidCount: 1, expiresAt } });
  return { kind: 'opened', groupId: group.id, expiresAt };
}

/** Every paid member's order moves on to the store, in this one transaction. */
async function succeedGroup(tx: Tx, group: GroupRow, now: Date): Promise<void> {
  await applyTransition(tx, lifecycles.group, group, 'succeed', { actor: SYSTEM, at: now, set: { succeededAt: now } });
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
  await applyTransition(tx, lifecycles.group, group, 'expire', { actor: SYSTEM, at: now, set: { failedAt: now } });
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
  for (const { seat } of seats) {
    const payload = {
      memberId: seat.memberId,
      orderId: seat.orderId,
      groupId: group.id,
      campaignTitle: campaign.title,
      groupSize: group.groupSize,
      payableFen: paidOrders.find((o) => o.id === seat.orderId)?.payableFen ?? 0,
    };
    // A message already queued for this member and group stays as it is.
    const dedupe = { dedupeKey: `${topic}:${group.id}:${seat.memberId}`, at: now };
    if (topic === 'group.failed') await enqueue(tx, topic, { ...payload, refunded: true }, dedupe);
    else await enqueue(tx, topic, payload, dedupe);
  }
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
  // Only a paid seat is marked refunded (its refund is requested, not yet settled); any other stays.
  await deps.db.transaction(async (tx) => {
    const seat = await seatOfOrder(tx, orderId);
    if (seat) await tryTransition(tx, lifecycles.groupSeat, seat, 'refund', { actor: SYSTEM, at: deps.now() });
  });
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
