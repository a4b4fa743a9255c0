import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { groupCampaignSkus, groupCampaigns, groupMembers, groups, members, orders, type DbOrTx, type Tx } from '@shop/db';

export type CampaignRow = typeof groupCampaigns.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type GroupMemberRow = typeof groupMembers.$inferSelect;

/** Statuses of a seat that still counts against the group size and the campaign's limits. */
export const LIVE_SEATS = ['held', 'paid'] as const;

export async function findCampaign(db: DbOrTx, id: number): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(groupCampaigns).where(eq(groupCampaigns.id, id)).limit(1);
  return row;
}

export type CampaignSkuRow = typeof groupCampaignSkus.$inferSelect;

/** The SKUs campaigns sell, each at its own group and leader price (group_campaign_skus' key). */
export async function skusOfCampaigns(db: DbOrTx, campaignIds: number[]): Promise<CampaignSkuRow[]> {
  if (campaignIds.length === 0) return [];
  return db
    .select()
    .from(groupCampaignSkus)
    .where(inArray(groupCampaignSkus.campaignId, campaignIds))
    .orderBy(asc(groupCampaignSkus.campaignId), asc(groupCampaignSkus.skuId));
}

/** One SKU of a campaign, or undefined when the campaign does not sell it. */
export async function campaignSku(db: DbOrTx, campaignId: number, skuId: number): Promise<CampaignSkuRow | undefined> {
  const [row] = await db
    .select()
    .from(groupCampaignSkus)
    .where(and(eq(groupCampaignSkus.campaignId, campaignId), eq(groupCampaignSkus.skuId, skuId)))
    .limit(1);
  return row;
}

export async function findGroup(db: DbOrTx, id: number): Promise<GroupRow | undefined> {
  const [row] = await db.select().from(groups).where(eq(groups.id, id)).limit(1);
  return row;
}

/** Serialises everything that changes one group: payments, releases, expiry. */
export async function lockGroup(tx: Tx, id: number): Promise<GroupRow | undefined> {
  const [row] = await tx.select().from(groups).where(eq(groups.id, id)).for('update').limit(1);
  return row;
}

/** The seat an order holds (one per order: group_members_order_uq). */
export async function seatOfOrder(db: DbOrTx, orderId: number): Promise<GroupMemberRow | undefined> {
  const [row] = await db.select().from(groupMembers).where(eq(groupMembers.orderId, orderId)).limit(1);
  return row;
}

export async function membersOfGroup(db: DbOrTx, groupId: number) {
  return db
    .select({ seat: groupMembers, nickname: members.nickname, avatarUrl: members.avatarUrl })
    .from(groupMembers)
    .innerJoin(members, eq(members.id, groupMembers.memberId))
    .where(eq(groupMembers.groupId, groupId))
    .orderBy(sql`${groupMembers.isLeader} desc`, asc(groupMembers.id));
}

/** Units a member holds or bought in a campaign's live seats (per-user limit). */
export async function unitsOfMemberInCampaign(db: DbOrTx, campaignId: number, memberId: number): Promise<number> {
  const [row] = await db
    .select({ units: sql<string | null>`sum(${groupMembers.qty})` })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groups.campaignId, campaignId), eq(groupMembers.memberId, memberId), inArray(groupMembers.status, [...LIVE_SEATS])));
  return Number(row?.units ?? 0);
}

/** "New customers only": nobody who has ever paid for an order. */
/** Joinable groups of a campaign, closing soonest first. */
export async function openGroupsOfCampaign(db: DbOrTx, campaignId: number, now: Date, limit = 10) {
  return db
    .select({ group: groups, nickname: members.nickname, avatarUrl: members.avatarUrl })
    .from(groups)
    .innerJoin(members, eq(members.id, groups.leaderMemberId))
    .where(
      and(
        eq(groups.campaignId, campaignId),
        eq(groups.status, 'open'),
        gt(groups.expiresAt, now),
        sql`${groups.seatsTaken} < ${groups.groupSize}`,
      ),
    )
    .orderBy(asc(groups.expiresAt))
    .limit(limit);
}

/** Open groups whose time ran out (the expiry job's backstop). */
export async function expiredOpenGroups(db: DbOrTx, now: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.status, 'open'), lte(groups.expiresAt, now)))
    .orderBy(asc(groups.expiresAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Paid orders of failed groups still waiting for their money (refund backstop). */
export async function unrefundedOrdersOfFailedGroups(db: DbOrTx, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(groups, eq(groups.id, orders.groupId))
    .where(and(eq(groups.status, 'failed'), eq(orders.status, 'awaiting_group')))
    .limit(limit);
  return rows.map((r) => r.id);
}
