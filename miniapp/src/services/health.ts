import { request } from './http';

export interface Health {
  status: 'ok' | 'unhealthy';
  checks: { mysql: 'ok' | 'down'; redis: 'ok' | 'down' };
}

/** GET /healthz — answers 200 when MariaDB and Redis respond (503, an ApiError, otherwise). */
export function getHealth(): Promise<Health> {
  return request<Health>('/healthz', { silent: true });
}
