import { request, type RequestFlags } from './http';

export type LiveStatus = 'scheduled' | 'live' | 'ended';

/** A 直播 room. */
export interface LiveRoom {
  id: number;
  title: string;
  coverUrl: string;
  hostName: string;
  status: LiveStatus;
  startsAt: string;
  endsAt: string;
}

/** GET /api/lives — on air first, then upcoming by start time. */
export async function getLives(flags: RequestFlags = {}): Promise<LiveRoom[]> {
  return (await request<{ items: LiveRoom[] }>('/api/lives', flags)).items;
}
