import type { ResponseOf } from './api';
import { request } from './http';

export type Health = ResponseOf<'/healthz', 'get'>;

/** GET /healthz — answers 200 when MariaDB and Redis respond (503, an ApiError, otherwise). */
export function getHealth(): Promise<Health> {
  return request<Health>('/healthz', { silent: true });
}
