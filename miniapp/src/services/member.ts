import { request, type RequestFlags } from './http';

export type StaffRole = 'clerk' | 'manager' | 'admin';

export interface Tier {
  /** `normal` | `silver` | `gold` today; more may come. */
  code: string;
  name: string;
  /** Price multiplier in percent: 90 = 9折. */
  discountPercent: number;
}

/** The signed-in member (the BFF's `Member` schema). `staff` is set only for store staff. */
export interface Me {
  id: number;
  nickname: string;
  avatarUrl: string;
  /** Masked for display, e.g. 138****5678. */
  phone: string | null;
  /** YYYY-MM-DD; set once, then fixed. */
  birthday: string | null;
  tier: Tier;
  progress: {
    /** null at the top tier. */
    next: (Tier & { thresholdFen: number }) | null;
    remainingFen: number;
    /** 0–100 towards `next`. */
    percent: number;
  };
  totalSpentFen: number;
  points: number;
  staff: { storeId: number | null; storeName: string | null; role: StaffRole } | null;
}

/** What PATCH /api/me accepts; unset fields stay as they are. */
export interface ProfilePatch {
  nickname?: string;
  avatarUrl?: string;
  birthday?: string;
}

/** Known ledger reasons; the BFF may add more, so any string is possible. */
export type PointsReason = 'order_completed' | 'refund_reversal' | 'exchange' | 'seed' | (string & {});

export interface PointsEntry {
  id: number;
  /** Positive when points were earned, negative when taken back or spent. */
  delta: number;
  balanceAfter: number;
  reason: PointsReason;
  /** Order number, refund number… depending on `reason`. */
  reference: string;
  createdAt: string;
}

export interface PointsPage {
  items: PointsEntry[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

/** The rotating code staff scan at the till. */
export interface MemberCode {
  /** 18 digits. */
  code: string;
  /** ISO time, ≤ 60 s after issue; each code scans once. */
  expiresAt: string;
}

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
export function getPoints(query: { limit?: number; cursor?: number | null } = {}, flags: RequestFlags = {}): Promise<PointsPage> {
  return request<PointsPage>('/api/me/points', {
    data: { limit: query.limit, cursor: query.cursor ?? undefined },
    ...flags,
  });
}

/** GET /api/me/member-code: a fresh code on every call. */
export function getMemberCode(flags: RequestFlags = {}): Promise<MemberCode> {
  return request<MemberCode>('/api/me/member-code', flags);
}
