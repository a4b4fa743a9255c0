/**
 * 拼团 rules the group page shows, free of Taro so they can be table-tested: the seats row, the
 * headline of each group status, and how a visitor arrived (a shared card or a mini-program code).
 */
import type { GroupMember, GroupStatus } from '../services/groupbuy';
import { routes, type PageUrl } from '../routes';

export type Seat = { kind: 'member'; member: GroupMember } | { kind: 'empty' };

/**
 * The avatar row: the leader first, then the others in joining order, then one empty seat ("?")
 * per place still open, `groupSize` seats in all.
 */
export function seatList(members: readonly GroupMember[], groupSize: number): Seat[] {
  const ordered = [...members.filter((member) => member.isLeader), ...members.filter((member) => !member.isLeader)];
  const seats: Seat[] = ordered.slice(0, Math.max(groupSize, 0)).map((member) => ({ kind: 'member', member }));
  while (seats.length < groupSize) seats.push({ kind: 'empty' });
  return seats;
}

export type GroupTone = 'pending' | 'open' | 'success' | 'failed';

export interface GroupHeadline {
  tone: GroupTone;
  /** The short status tag: 待开团 / 待成团 / 已成团 / 未成团. */
  label: string;
  title: string;
  sub: string;
}

/** What the status banner says for a group, as the customer reads it. */
export function groupHeadline(group: { status: GroupStatus; seatsLeft: number }): GroupHeadline {
  switch (group.status) {
    case 'pending':
      return { tone: 'pending', label: '待开团', title: '团长支付后开团', sub: '团长完成支付后即可邀请好友参团' };
    case 'open':
      if (group.seatsLeft > 0) {
        return { tone: 'open', label: '待成团', title: `还差${group.seatsLeft}人拼团成功`, sub: '邀请好友参团，人满即成团' };
      }
      // Every seat is taken, but someone has not paid yet: their seat frees up if they do not.
      return { tone: 'open', label: '待成团', title: '名额已满，等待团员支付', sub: '团员完成支付后即拼团成功' };
    case 'succeeded':
      return { tone: 'success', label: '已成团', title: '拼团成功', sub: '门店开始备货，备好后会通知你到店自提' };
    case 'failed':
      return { tone: 'failed', label: '未成团', title: '拼团失败，款项将原路退回', sub: '未在规定时间内成团，已支付的款项会自动退回' };
  }
}

/** WeChat allows 32 characters in a mini-program code's scene: `g=<groupId>&s=<sharerId>`. */
export function encodeGroupScene(groupId: number, sharerId: number | null): string {
  return sharerId !== null ? `g=${groupId}&s=${sharerId}` : `g=${groupId}`;
}

function positiveId(value: string | null | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const id = Number(value);
  return id > 0 && Number.isSafeInteger(id) ? id : null;
}

/**
 * Reads the scene of a group's mini-program code. WeChat hands it to the page URL-encoded
 * (`g%3D12%26s%3D34`); an already decoded one reads the same. Null when there is no group in it.
 */
export function parseGroupScene(raw: string | null | undefined): { groupId: number; sharerId: number | null } | null {
  if (!raw) return null;
  let scene = raw;
  // At most twice: some launch paths encode the query once more.
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(scene); i++) {
    try {
      scene = decodeURIComponent(scene);
    } catch {
      return null;
    }
  }
  const fields = new Map<string, string>();
  for (const pair of scene.split('&')) {
    const at = pair.indexOf('=');
    if (at > 0) fields.set(pair.slice(0, at), pair.slice(at + 1));
  }
  const groupId = positiveId(fields.get('g'));
  if (groupId === null) return null;
  return { groupId, sharerId: positiveId(fields.get('s')) };
}

/** How a visitor reached the group page; `via` null means they were not brought by anyone's share. */
export interface GroupEntry {
  groupId: number | null;
  sharerId: number | null;
  via: 'share' | 'qrcode' | null;
}

/** The group page's launch parameters: `?id=&from=` (a shared card or link) or `?scene=` (a code). */
export function groupEntry(params: Record<string, string | undefined>): GroupEntry {
  const scene = parseGroupScene(params.scene);
  if (scene) return { groupId: scene.groupId, sharerId: scene.sharerId, via: 'qrcode' };
  const groupId = positiveId(params.id);
  const sharerId = positiveId(params.from);
  return { groupId, sharerId, via: groupId !== null && sharerId !== null ? 'share' : null };
}

/** The group page of `groupId`. */
export function groupPageUrl(groupId: number): PageUrl {
  return routes.group({ id: groupId });
}

/** Share paths must start with "/" (the BFF answers `pages/group/detail?id=12&from=34`). */
export function absolutePath(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}

/** One SKU a campaign sells at its group price (GET /api/groupbuys/{id} `skus`). */
export interface CampaignSkuLike {
  skuId: number;
  specValues: Record<string, string>;
  groupPriceFen: number;
  leaderPriceFen: number | null;
}

/**
 * What the group SKU sheet offers: exactly the campaign's SKUs (others of the product are not in
 * the group), each buyable while the campaign has stock left; its stock is one count for all.
 */
export function groupSkuChoices(campaign: { skus: readonly CampaignSkuLike[]; remainingStock: number }) {
  return campaign.skus.map((sku) => ({ id: sku.skuId, specValues: sku.specValues, sellable: campaign.remainingStock }));
}

/** The price of a campaign SKU: its 团长价 for whoever opens the group (when it has one), else the group price. */
export function groupSkuPrice(sku: CampaignSkuLike, opening: boolean): number {
  return opening ? (sku.leaderPriceFen ?? sku.groupPriceFen) : sku.groupPriceFen;
}

/**
 * The SKU the sheet starts on: the one the customer already chose on the product page when the
 * campaign sells it, else the campaign's first SKU.
 */
export function preferredGroupSku(campaign: { skuId: number; skus: readonly { skuId: number }[] }, chosenSkuId?: number | null): number {
  return chosenSkuId != null && campaign.skus.some((sku) => sku.skuId === chosenSkuId) ? chosenSkuId : campaign.skuId;
}

/**
 * Why the member's tier discount is not taken off a group price (docs/domain.md#pricing: an
 * activity price replaces the list price and takes no member discount, 满减 or coupon).
 */
export const GROUP_PRICE_NOTE = '拼团价已是优惠价，不再叠加会员折扣、满减和优惠券';
