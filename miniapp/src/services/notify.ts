import type { ResponseOf } from './api';
import { request } from './http';

/** Subscribe-message template ids by name (拼团结果, 取货提醒, …), as the BFF is configured. */
export type NotifyTemplates = ResponseOf<'/api/notify/templates', 'get'>;

/** GET /api/notify/templates — public; the one source of the ids the app asks consent for. */
export function getNotifyTemplates(): Promise<NotifyTemplates> {
  return request<NotifyTemplates>('/api/notify/templates', { silent: true });
}
