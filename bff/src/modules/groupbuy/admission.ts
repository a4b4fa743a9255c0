import { and, eq, gte, sql } from 'drizzle-orm';
import { lockMember } from '../member';
import { hasPaidOrder } from '../order';
import { groupCampaigns, groupMembers, groups, type DbOrTx, type Tx } from '@shop/db';
import { AppError, errors } from '../../http/errors';
import { recordCreation, tryTransition } from '../../lifecycle/apply';
import { lifecycles } from '../../lifecycle/tables';
import { campaignSku, findCampaign, findGroup, lockGroup, unitsOfMemberInCampaign, type CampaignRow } from './queries';

export type GroupActivity = { type: 'group'; campaignId: number; groupId?: number };

/**
 * The campaign an order is priced and admitted under: running, and the order is one line of one
 * of the campaign's SKUs (the size / colour the customer picked, group_campaign_skus) within the
 * per-user limit, priced at that SKU's group price; the leader pays its 团长价 when there is one.
 * Members of one group may pick different SKUs; the campaign's stock and limits count units of
 * all of them together.
 */
export async function priceForGroup(
  db: DbOrTx,
  lines: { skuId: number; qty: number }[],
  activity: GroupActivity,
  now: Date,
): Promise<{ campaign: CampaignRow; skuId: number; unitPriceFen: number }> {
  const campaign = await findCampaign(db, activity.campaignId);
  if (!campaign || !isRunning(campaign, now)) throw errors.rule('ACTIVITY_NOT_OPEN', '拼团活动未开始或已结束');
  if (lines.length !== 1) throw errors.rule('ACTIVITY_ITEMS_MISMATCH', '拼团商品与活动不符，请重新选择');
  const sku = await campaignSku(db, campaign.id, lines[0].skuId);
  if (!sku) throw errors.rule('GROUP_SKU_NOT_IN_CAMPAIGN', '该规格不参加本次拼团，请在拼团规格中重新选择');
  if (lines[0].qty > campaign.perUserLimit) throw errors.rule('GROUP_LIMIT', `每人限购 ${campaign.perUserLimit} 件`);
  const opening = activity.groupId === undefined;
  if (!opening) await assertJoinable(db, activity.groupId!, campaign.id, now);
  return { campaign, skuId: sku.skuId, unitPriceFen: opening ? (sku.leaderPriceFen ?? sku.groupPriceFen) : sku.groupPriceFen };
}

export function isRunning(campaign: CampaignRow, now: Date): boolean {
  return campaign.status === 'active' && campaign.startsAt <= now && campaign.endsAt >= now;
}

/** Early, friendly answer for the quote; holdSeat re-checks under guarded updates. */
async function assertJoinable(db: DbOrTx, groupId: number, campaignId: number, now: Date): Promise<void> {
  const group = await findGroup(db, groupId);
  if (!group || group.campaignId !== campaignId) throw errors.notFound('GROUP_NOT_FOUND', '拼团不存在');
  const problem = joinProblem(group, now);
  if (problem) throw problem;
}

function joinProblem(group: { status: string; seatsTaken: number; groupSize: number; expiresAt: Date | null }, now: Date): AppError | null {
  if (group.status === 'pending') return errors.rule('GROUP_NOT_OPEN', '团长尚未支付，暂不能参团');
  if (group.status !== 'open' || (group.expiresAt && group.expiresAt <= now)) return errors.rule('GROUP_CLOSED', '该拼团已结束');
  if (group.seatsTaken >= group.groupSize) return errors.conflict('GROUP_FULL', '拼团人数已满，去开个新团吧');
  return null;
}

export type SeatRequest = { campaign: CampaignRow; groupId?: number; memberId: number; qty: number; invitedBy: number | null; now: Date };

/**
 * Inside the order transaction: takes campaign stock and a seat with guarded UPDATEs, so the
 * group never exceeds its size and the campaign never its stock, however many join at once.
 * The member's row lock serialises one member's concurrent orders for the per-user limit.
 * Returns the group id; the seat row itself is written by `recordSeat` once the order exists.
 */
export async function takeSeat(tx: Tx, request: SeatRequest): Promise<number> {
  const { campaign, memberId, qty, now } = request;
  await lockMember(tx, memberId);
  if ((await unitsOfMemberInCampaign(tx, campaign.id, memberId)) + qty > campaign.perUserLimit) {
    throw errors.rule('GROUP_LIMIT', `该拼团每人限购 ${campaign.perUserLimit} 件`);
  }
  if (request.groupId !== undefined && campaign.newCustomersOnly && (await hasPaidOrder(tx, memberId))) {
    throw errors.rule('NEW_CUSTOMERS_ONLY', '该拼团仅限新用户参团');
  }
  await takeCampaignStock(tx, campaign.id, qty);
  if (request.groupId === undefined) return openGroup(tx, campaign, memberId, now);
  await joinGroup(tx, request.groupId, campaign.id, memberId, now);
  return request.groupId;
}

async function takeCampaignStock(tx: Tx, campaignId: number, qty: number): Promise<void> {
  const [taken] = await tx
    .update(groupCampaigns)
    .set({ usedStock: sql`${groupCampaigns.usedStock} + ${qty}` })
    .where(and(eq(groupCampaigns.id, campaignId), sql`${groupCampaigns.usedStock} + ${qty} <= ${groupCampaigns.allocatedStock}`));
  if (taken.affectedRows !== 1) throw errors.rule('GROUP_SOLD_OUT', '拼团库存已抢完');
}

/** A new group waits in `pending` until its leader pays; nobody can join it before. */
async function openGroup(tx: Tx, campaign: CampaignRow, leaderMemberId: number, now: Date): Promise<number> {
  const [inserted] = await tx
    .insert(groups)
    .values({ campaignId: campaign.id, leaderMemberId, groupSize: campaign.groupSize, seatsTaken: 1 });
  await recordCreation(
    tx,
    lifecycles.group,
    { id: inserted.insertId, status: 'pending' },
    { actor: { type: 'member', id: leaderMemberId }, at: now },
  );
  return inserted.insertId;
}

async function joinGroup(tx: Tx, groupId: number, campaignId: number, memberId: number, now: Date): Promise<void> {
  const [seat] = await tx
    .update(groups)
    .set({ seatsTaken: sql`${groups.seatsTaken} + 1` })
    .where(
      and(
        eq(groups.id, groupId),
        eq(groups.campaignId, campaignId),
        eq(groups.status, 'open'),
        sql`${groups.expiresAt} > ${now}`,
        sql`${groups.seatsTaken} < ${groups.groupSize}`,
      ),
    );
  if (seat.affectedRows === 1) return;
  const group = await findGroup(tx, groupId);
  if (!group || group.campaignId !== campaignId) throw errors.notFound('GROUP_NOT_FOUND', '拼团不存在');
  throw joinProblem(group, now) ?? errors.conflict('GROUP_FULL', '拼团人数已满，去开个新团吧');
}

/** The seat row, after the order exists. Joining a group one is already in is refused here. */
export async function recordSeat(
  tx: Tx,
  seat: { groupId: number; memberId: number; orderId: number; qty: number; isLeader: boolean; invitedBy: number | null },
) {
  const [already] = await tx
    .select({ id: groupMembers.id })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, seat.groupId), eq(groupMembers.memberId, seat.memberId)))
    .limit(1);
  if (already) throw errors.conflict('GROUP_ALREADY_JOINED', '你已在这个团里了，邀请好友来参团吧');
  await tx.insert(groupMembers).values({ ...seat, status: 'held' });
}

/**
 * An unpaid group order was cancelled: its seat and campaign stock go back, once (the seat row
 * is deleted, so the member may try again). Stock of a group that already failed was returned
 * when it failed. A leader who never pays leaves a group that never opened: it fails.
 */
export async function releaseSeat(tx: Tx, order: { id: number; groupId: number | null }, now: Date): Promise<void> {
  if (!order.groupId) return;
  const group = await lockGroup(tx, order.groupId);
  const [seat] = await tx.select().from(groupMembers).where(eq(groupMembers.orderId, order.id)).limit(1);
  if (!group || !seat || seat.status !== 'held') return;
  await tx.delete(groupMembers).where(and(eq(groupMembers.id, seat.id), eq(groupMembers.status, 'held')));
  if (group.status !== 'pending' && group.status !== 'open') return;
  await tx
    .update(groupCampaigns)
    .set({ usedStock: sql`${groupCampaigns.usedStock} - ${seat.qty}` })
    .where(and(eq(groupCampaigns.id, group.campaignId), gte(groupCampaigns.usedStock, seat.qty)));
  const stillTaken = sql`${groups.seatsTaken} > 0`;
  if (seat.isLeader && group.status === 'pending') {
    await tryTransition(tx, lifecycles.group, group, 'abandon', {
      actor: { type: 'system' },
      at: now,
      set: { failedAt: now, seatsTaken: 0 },
      where: stillTaken,
    });
    return;
  }
  await tx
    .update(groups)
    .set({ seatsTaken: sql`${groups.seatsTaken} - 1` })
    .where(and(eq(groups.id, group.id), stillTaken));
}
