import type { BodyOf, QueryOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/** The signed-in member (the BFF's `Member` schema). `staff` is set only for store staff; `phone` is masked (138****5678). */
export type Me = Schema<'Member'>;
export type StaffRole = Schema<'StaffRole'>;

/** `code`: `normal` | `silver` | `gold` today, more may come; `discountPercent` 90 = 9折. */
export type Tier = Schema<'Tier'>;

/** What PATCH /api/me accepts; unset fields stay as they are. */
export type ProfilePatch = BodyOf<'/api/me', 'patch'>;

/** `delta` is positive when points were earned, negative when taken back or spent; `reference` is an order or refund number. */
export type PointsEntry = Schema<'PointsEntry'>;
/** Ledger reasons (order_completed, refund_reversal, …); the BFF may add more, so any string is possible. */
export type PointsReason = PointsEntry['reason'];

/** `nextCursor`: pass back as `cursor` for the next (older) page; null on the last page. */
export type PointsPage = Schema<'PointsPage'>;

/** The rotating code staff scan at the till (18 digits; each scans once, ≤ 60 s). */
export type MemberCode = Schema<'MemberCode'>;

/** GET /api/me */
export function getMe(flags: RequestFlags = {}): Promise<Me> {
  return request<Me>('/api/me', flags);
}

/** PATCH /api/me. A birthday can be set once (later changes: 422 BIRTHDAY_ALREADY_SET). */
export function updateMe(patch: ProfilePatch, flags: RequestFlags = {}): Promise<Me> {
  return request<Me>('/api/me', { method: 'PATCH', data: patch, ...flags });
}

/** POST /api/me/phone with the code of a getPhoneNumber button (422 INVALID_PHONE_CODE when used or stale). */
export function bindPhone(code: string, flags: RequestFlags = {}): Promise<Me> {
  return request<Me>('/api/me/phone', { method: 'POST', data: { code }, ...flags });
}

/** GET /api/me/points, newest first. */
export function getPoints(
  query: Omit<QueryOf<'/api/me/points', 'get'>, 'cursor'> & { cursor?: number | null } = {},
  flags: RequestFlags = {},
): Promise<PointsPage> {
  return request<PointsPage>('/api/me/points', {
    data: { limit: query.limit, cursor: query.cursor ?? undefined },
    ...flags,
  });
}

/** GET /api/me/member-code: a fresh code on every call. */
export function getMemberCode(flags: RequestFlags = {}): Promise<MemberCode> {
  return request<MemberCode>('/api/me/member-code', flags);
}

/** 我的拼团: a group I opened or joined (status as the group page shows it; `members` leader first). */
export type MyGroup = Schema<'MyGroup'>;

/** GET /api/me/groups, newest first. */
export function getMyGroups(flags: RequestFlags = {}): Promise<MyGroup[]> {
  return request<Schema<'MyGroups'>>('/api/me/groups', flags).then((page) => page.items);
}
