import { request, type RequestFlags } from './http';

export type ShareTarget = 'group' | 'product' | 'live';
export type ShareMedium = 'card' | 'qrcode' | 'poster' | 'link';

/**
 * POST /api/shares — records that the member shared `targetId` and answers with the page path
 * to share (`pages/group/detail?id=12&from=34`: it carries the sharer). Needs a session.
 */
export function createShare(
  share: { type: ShareTarget; targetId: number; medium: ShareMedium },
  flags: RequestFlags = {},
): Promise<{ path: string }> {
  return request<{ path: string }>('/api/shares', { method: 'POST', data: share, ...flags });
}

export interface Visit {
  targetType: ShareTarget;
  targetId: number;
  /** Who shared the link or code the visitor came through. */
  sharerId?: number;
  /** WeChat's launch scene (1007 shared card, 1047 mini-program code …). */
  scene?: string;
}

/** POST /api/visits — someone arrived through a share or a code (a session is sent when there is one). */
export async function recordVisit(visit: Visit, flags: RequestFlags = {}): Promise<void> {
  await request<unknown>('/api/visits', { method: 'POST', data: visit, ...flags });
}
