import type { ResponseOf, Schema } from './api';
import { request, type RequestFlags } from './http';

/** A 直播 room. */
export type LiveRoom = Schema<'LiveRoom'>;
export type LiveStatus = LiveRoom['status'];

/** GET /api/lives — on air first, then upcoming by start time. */
export async function getLives(flags: RequestFlags = {}): Promise<LiveRoom[]> {
  return (await request<ResponseOf<'/api/lives', 'get'>>('/api/lives', flags)).items;
}
