import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import { specText } from '../../domain/spec-text';
import { groupCampaigns, products, skus, type DbOrTx } from '@shop/db';
import { errors } from '../../http/errors';
import { isRunning } from './admission';
import { findCampaign, findGroup, membersOfGroup, openGroupsOfCampaign, skusOfCampaigns, type CampaignRow, type GroupRow } from './queries';

type SkuOfCampaign = {
  skuId: number;
  specValues: Record<string, string>;
  specText: string;
  imageUrl: string | null;
  groupPriceFen: number;
  leaderPriceFen: number | null;
  listPriceFen: number;
};
type CampaignWithProduct = {
  campaign: CampaignRow;
  images: string[];
  /** The product's spec dimensions narrowed to the values the campaign's SKUs have. */
  specs: { name: string; values: string[] }[];
  skus: SkuOfCampaign[];
};

async function withProducts(db: DbOrTx, campaigns: CampaignRow[]): Promise<CampaignWithProduct[]> {
  if (campaigns.length === 0) return [];
  const sold = await skusOfCampaigns(
    db,
    campaigns.map((c) => c.id),
  );
  const skuIds = [...new Set([...campaigns.map((c) => c.skuId), ...sold.map((s) => s.skuId)])];
  const rows = await db
    .select({
      id: skus.id,
      price: skus.priceFen,
      specValues: skus.specValues,
      imageUrl: skus.imageUrl,
      images: products.images,
      specs: products.specs,
    })
    .from(skus)
    .innerJoin(products, eq(products.id, skus.productId))
    .where(inArray(skus.id, skuIds));
  return campaigns.map((campaign) => {
    const first = rows.find((r) => r.id === campaign.skuId);
    const productSpecs = first?.specs ?? [];
    const ownSkus = sold
      .filter((s) => s.campaignId === campaign.id)
      .flatMap((s) => {
        const sku = rows.find((r) => r.id === s.skuId);
        if (!sku) return [];
        return [
          {
            skuId: s.skuId,
            specValues: sku.specValues,
            specText: specText(sku.specs, sku.specValues),
            imageUrl: sku.imageUrl,
            groupPriceFen: s.groupPriceFen,
            leaderPriceFen: s.leaderPriceFen,
            listPriceFen: sku.price,
          },
        ];
      });
    // The SKU shown first leads the list, as the product page's default.
    ownSkus.sort((a, b) => Number(b.skuId === campaign.skuId) - Number(a.skuId === campaign.skuId));
    const specs = productSpecs
      .map((spec) => ({ name: spec.name, values: spec.values.filter((value) => ownSkus.some((s) => s.specValues[spec.name] === value)) }))
      .filter((spec) => spec.values.length > 0);
    return { campaign, images: first?.images ?? [], specs, skus: ownSkus };
  });
}

function campaignView({ campaign, images, specs, skus: campaignSkus }: CampaignWithProduct) {
  const first = campaignSkus.find((s) => s.skuId === campaign.skuId) ?? campaignSkus[0];
  return {
    id: campaign.id,
    title: campaign.title,
    productId: campaign.productId,
    skuId: campaign.skuId,
    imageUrl: images[0] ?? '',
    specText: first?.specText ?? '',
    groupPriceFen: first?.groupPriceFen ?? campaign.groupPriceFen,
    leaderPriceFen: first ? first.leaderPriceFen : campaign.leaderPriceFen,
    listPriceFen: first?.listPriceFen ?? 0,
    /** The lowest group price over the campaign's SKUs (the card's "¥x 起" when they differ). */
    minGroupPriceFen: Math.min(...campaignSkus.map((s) => s.groupPriceFen), first?.groupPriceFen ?? campaign.groupPriceFen),
    specs,
    skus: campaignSkus.map((s) => ({ ...s, imageUrl: s.imageUrl ?? images[0] ?? '' })),
    groupSize: campaign.groupSize,
    perUserLimit: campaign.perUserLimit,
    newCustomersOnly: campaign.newCustomersOnly,
    remainingStock: Math.max(0, campaign.allocatedStock - campaign.usedStock),
    endsAt: campaign.endsAt.toISOString(),
  };
}
export type CampaignView = ReturnType<typeof campaignView>;

/** Running campaigns, ending soonest first; optionally of one product. */
export async function runningCampaigns(db: DbOrTx, now: Date, productId?: number): Promise<CampaignView[]> {
  const rows = await db
    .select()
    .from(groupCampaigns)
    .where(
      and(
        eq(groupCampaigns.status, 'active'),
        lte(groupCampaigns.startsAt, now),
        gte(groupCampaigns.endsAt, now),
        productId ? eq(groupCampaigns.productId, productId) : undefined,
      ),
    )
    .orderBy(asc(groupCampaigns.endsAt));
  return (await withProducts(db, rows)).map(campaignView);
}

export async function campaignDetail(db: DbOrTx, id: number, now: Date) {
  const campaign = await findCampaign(db, id);
  if (!campaign || campaign.status === 'paused') throw errors.notFound('CAMPAIGN_NOT_FOUND', '拼团活动不存在或已结束');
  const [withProduct] = await withProducts(db, [campaign]);
  const open = isRunning(campaign, now) ? await openGroupsOfCampaign(db, id, now) : [];
  return {
    campaign: campaignView(withProduct),
    openGroups: open.map(({ group, nickname, avatarUrl }) => ({
      id: group.id,
      leader: { nickname: displayName(nickname), avatarUrl: avatarUrl || null },
      seatsLeft: group.groupSize - group.seatsTaken,
      groupSize: group.groupSize,
      expiresAt: group.expiresAt!.toISOString(),
    })),
  };
}

/** A group as its page shows it, and what the viewer (when signed in) may do there. */
export async function groupDetail(db: DbOrTx, id: number, viewerId: number | undefined, now: Date) {
  const group = await findGroup(db, id);
  if (!group) throw errors.notFound('GROUP_NOT_FOUND', '拼团不存在');
  const campaign = (await findCampaign(db, group.campaignId))!;
  const [withProduct] = await withProducts(db, [campaign]);
  const seats = await membersOfGroup(db, id);
  const mine = viewerId ? seats.find((s) => s.seat.memberId === viewerId) : undefined;
  const reason = viewerId ? joinRefusal(group, campaign, Boolean(mine), now) : null;
  return {
    id: group.id,
    status: shownStatus(group, now),
    groupSize: group.groupSize,
    seatsLeft: Math.max(0, group.groupSize - group.seatsTaken),
    paidCount: group.paidCount,
    expiresAt: group.expiresAt?.toISOString() ?? null,
    members: seats
      .filter((s) => s.seat.status === 'paid' || s.seat.status === 'held' || s.seat.status === 'refunded')
      .map((s) => ({
        nickname: displayName(s.nickname),
        avatarUrl: s.avatarUrl || null,
        isLeader: s.seat.isLeader,
        paid: s.seat.status !== 'held',
      })),
    campaign: campaignView(withProduct),
    viewer: { joined: Boolean(mine), orderId: mine?.seat.orderId ?? null, canJoin: viewerId !== undefined && reason === null, reason },
  };
}

/** An open group past its time shows as failed at once, before the expiry job gets to it. */
function shownStatus(group: GroupRow, now: Date): GroupRow['status'] {
  return group.status === 'open' && group.expiresAt && group.expiresAt <= now ? 'failed' : group.status;
}

function joinRefusal(group: GroupRow, campaign: CampaignRow, joined: boolean, now: Date): string | null {
  if (joined) return '你已在团中，快邀请好友参团吧';
  const status = shownStatus(group, now);
  if (status === 'pending') return '团长支付后即可参团';
  if (status === 'succeeded') return '该团已拼成，去开个新团吧';
  if (status === 'failed' || !isRunning(campaign, now)) return '该拼团已结束';
  if (group.seatsTaken >= group.groupSize) return '拼团人数已满，去开个新团吧';
  if (campaign.usedStock >= campaign.allocatedStock) return '拼团库存已抢完';
  return null;
}

function displayName(nickname: string): string {
  return nickname || '微信用户';
}
