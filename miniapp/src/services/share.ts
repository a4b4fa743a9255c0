import type { BodyOf, ResponseOf } from './api';
import { request, type RequestFlags } from './http';

export type ShareInput = BodyOf<'/api/shares', 'post'>;
export type ShareTarget = ShareInput['type'];
export type ShareMedium = NonNullable<ShareInput['medium']>;

/**
 * POST /api/shares — records that the member shared `targetId` and answers with the page path
 * to share (`pages/group/detail?id=12&from=34`: it carries the sharer). Needs a session.
 */
export function createShare(share: ShareInput, flags: RequestFlags = {}): Promise<ResponseOf<'/api/shares', 'post'>> {
  return request('/api/shares', { method: 'POST', data: share, ...flags });
}

/** `sharerId`: who shared the link or code the visitor came through; `scene`: WeChat's launch scene (1007 shared card, 1047 mini-program code …). */
export type Visit = BodyOf<'/api/visits', 'post'>;

/** POST /api/visits — someone arrived through a share or a code (a session is sent when there is one). */
export async function recordVisit(visit: Visit, flags: RequestFlags = {}): Promise<void> {
  await request<unknown>('/api/visits', { method: 'POST', data: visit, ...flags });
}
