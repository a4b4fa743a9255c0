import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { groupCampaigns, groupMembers, groups, members, products, type DbOrTx } from '@shop/db';
import { GroupStatusSchema } from '../../contract/enums';

/**
 * 我的拼团 (GET /api/me/groups): the groups the member holds or held a paid seat in, newest
 * first, each with its members' faces and what the page offers (invite while it is open).
 * Read only; three queries for the page whatever its length.
 */
export const MyGroupsSchema = z
  .object({
    items: z.array(
      z
        .object({
          id: z.number().int(),
          /** As the group page shows it: an open group past its time is already failed. */
          status: GroupStatusSchema,
          groupSize: z.number().int(),
          seatsLeft: z.number().int(),
          expiresAt: z.string().nullable(),
          isLeader: z.boolean(),
          orderId: z.number().int(),
          campaign: z.object({ id: z.number().int(), title: z.string(), imageUrl: z.string(), groupPriceFen: z.number().int() }),
          members: z.array(z.object({ nickname: z.string(), avatarUrl: z.string().nullable(), isLeader: z.boolean() })),
        })
        .openapi('MyGroup'),
    ),
  })
  .openapi('MyGroups');

const MY_GROUPS_LIMIT = 50;

export async function myGroups(db: DbOrTx, memberId: number, now: Date): Promise<z.infer<typeof MyGroupsSchema>> {
  // group_members_member_idx (member_id, status): my seats that were taken (held or paid, or paid then refunded).
  const seats = await db
    .select({ seat: groupMembers, group: groups, campaign: groupCampaigns, images: products.images })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .innerJoin(groupCampaigns, eq(groupCampaigns.id, groups.campaignId))
    .innerJoin(products, eq(products.id, groupCampaigns.productId))
    .where(and(eq(groupMembers.memberId, memberId), inArray(groupMembers.status, ['held', 'paid', 'refunded'])))
    .orderBy(desc(groupMembers.id))
    .limit(MY_GROUPS_LIMIT);
  const groupIds = seats.map((s) => s.group.id);
  const faces = groupIds.length
    ? await db
        .select({
          groupId: groupMembers.groupId,
          isLeader: groupMembers.isLeader,
          nickname: members.nickname,
          avatarUrl: members.avatarUrl,
        })
        .from(groupMembers)
        .innerJoin(members, eq(members.id, groupMembers.memberId))
        .where(and(inArray(groupMembers.groupId, groupIds), inArray(groupMembers.status, ['held', 'paid', 'refunded'])))
        .orderBy(sql`${groupMembers.isLeader} desc`, asc(groupMembers.id))
    : [];
  return {
    items: seats.map(({ seat, group, campaign, images }) => ({
      id: group.id,
      status: group.status === 'open' && group.expiresAt && group.expiresAt <= now ? 'failed' : group.status,
      groupSize: group.groupSize,
      seatsLeft: Math.max(0, group.groupSize - group.seatsTaken),
      expiresAt: group.expiresAt?.toISOString() ?? null,
      isLeader: seat.isLeader,
      orderId: seat.orderId,
      campaign: { id: campaign.id, title: campaign.title, imageUrl: images[0] ?? '', groupPriceFen: campaign.groupPriceFen },
      members: faces
        .filter((f) => f.groupId === group.id)
        .map((f) => ({ nickname: f.nickname || '微信用户', avatarUrl: f.avatarUrl || null, isLeader: f.isLeader })),
    })),
  };
}
