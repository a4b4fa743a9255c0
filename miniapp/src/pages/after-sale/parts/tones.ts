import type { AfterSaleStatus } from '../../../services/aftersale';

/** The tone of a status (status-tones mixin): what the customer or the store must do next, under way, done, closed. */
export const STATUS_TONES: Record<AfterSaleStatus, 'action' | 'progress' | 'done' | 'closed'> = {
  requested: 'progress',
  approved: 'action',
  returned: 'progress',
  refunding: 'progress',
  refunded: 'done',
  exchanged: 'done',
  rejected: 'closed',
  cancelled: 'closed',
};
