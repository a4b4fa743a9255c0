import { apiBase } from '../config';
import { request, type RequestFlags } from './http';

/** A 拼团 campaign on one SKU. */
export interface GroupBuy {
  id: number;
  title: string;
  productId: number;
  skuId: number;
  imageUrl: string;
  groupPriceFen: number;
  /** 团长价; null when the campaign has none. */
  leaderPriceFen: number | null;
  /** What buying alone costs (the SKU price). */
  listPriceFen: number | null;
  groupSize: number;
  endsAt: string;
  /** Units one member may buy in this campaign. */
  perUserLimit: number;
  /** Only members who have never ordered may join (新人团). */
  newCustomersOnly: boolean;
  /** Units the campaign can still sell. */
  remainingStock: number;
}

/** A group still taking members, as the campaign lists it. */
export interface GroupSummary {
  id: number;
  leader: { nickname: string; avatarUrl: string | null };
  seatsLeft: number;
  groupSize: number;
  expiresAt: string;
}

/** `pending` until the leader has paid; `open` while taking members; then one of the two ends. */
export type GroupStatus = 'pending' | 'open' | 'succeeded' | 'failed';

export interface GroupMember {
  nickname: string;
  avatarUrl: string | null;
  isLeader: boolean;
  paid: boolean;
}

/** One group (a team) with its members, its campaign and what the viewer may do. */
export interface GroupDetail {
  id: number;
  status: GroupStatus;
  groupSize: number;
  seatsLeft: number;
  paidCount: number;
  /** null while the leader has not paid (the clock starts then). */
  expiresAt: string | null;
  members: GroupMember[];
  campaign: {
    id: number;
    title: string;
    productId: number;
    skuId: number;
    imageUrl: string;
    specText: string;
    groupPriceFen: number;
    leaderPriceFen: number | null;
    listPriceFen: number;
    perUserLimit: number;
    newCustomersOnly: boolean;
    endsAt: string;
  };
  viewer: {
    joined: boolean;
    /** The viewer's order in this group. */
    orderId: number | null;
    canJoin: boolean;
    /** Chinese, why the viewer cannot join (拼团已满 / 你已在团中 …). */
    reason: string | null;
  };
}

/** GET /api/groupbuys — running campaigns (of one product with `productId`), ending soonest first. */
export async function getGroupBuys(query: { productId?: number } = {}, flags: RequestFlags = {}): Promise<GroupBuy[]> {
  return (await request<{ items: GroupBuy[] }>('/api/groupbuys', { data: { productId: query.productId }, ...flags })).items;
}

/** GET /api/groupbuys/:id — the campaign and up to 10 joinable groups, closing soonest first. */
export function getGroupBuy(id: number, flags: RequestFlags = {}): Promise<{ campaign: GroupBuy; openGroups: GroupSummary[] }> {
  return request(`/api/groupbuys/${id}`, flags);
}

/** GET /api/groups/:id — the viewer part needs the session (sent when there is one). 404 GROUP_NOT_FOUND. */
export function getGroup(id: number, flags: RequestFlags = {}): Promise<GroupDetail> {
  return request<GroupDetail>(`/api/groups/${id}`, flags);
}

/** The group's mini-program code (a PNG the BFF draws; no session needed) for an `Image`. */
export function groupQrCodeUrl(groupId: number, sharerId: number | null): string {
  const query = sharerId !== null ? `?sharerId=${sharerId}` : '';
  return `${apiBase}/api/groups/${groupId}/qrcode${query}`;
}
