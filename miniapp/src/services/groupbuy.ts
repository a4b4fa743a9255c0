import { apiBase } from '../config';
import type { QueryOf, ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/**
 * A 拼团 campaign on one SKU: `leaderPriceFen` is the 团长价 (null when the campaign has none),
 * `listPriceFen` what buying alone costs, `newCustomersOnly` a 新人团, `remainingStock` the units
 * the campaign can still sell.
 */
export type GroupBuy = Schema<'GroupBuyCampaign'>;

/** A group still taking members, as the campaign lists it. */
export type GroupSummary = Schema<'OpenGroup'>;

/** `pending` until the leader has paid; `open` while taking members; then one of the two ends. */
export type GroupStatus = Schema<'GroupStatus'>;

/**
 * One group (a team) with its members, its campaign and what the viewer may do (`expiresAt` is
 * null while the leader has not paid; `viewer.reason` says in Chinese why the viewer cannot join).
 */
export type GroupDetail = Schema<'Group'>;
export type GroupMember = GroupDetail['members'][number];

/** GET /api/groupbuys — running campaigns (of one product with `productId`), ending soonest first. */
export async function getGroupBuys(query: QueryOf<'/api/groupbuys', 'get'> = {}, flags: RequestFlags = {}): Promise<GroupBuy[]> {
  return (await request<ResponseOf<'/api/groupbuys', 'get'>>('/api/groupbuys', { data: { productId: query.productId }, ...flags })).items;
}

/** GET /api/groupbuys/:id — the campaign and up to 10 joinable groups, closing soonest first. */
export function getGroupBuy(id: number, flags: RequestFlags = {}): Promise<ResponseOf<'/api/groupbuys/{id}', 'get'>> {
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
