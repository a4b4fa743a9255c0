import type { components } from '../services/api.gen';

/** A template name of GET /api/notify/templates; one the BFF does not hand out is skipped. */
export type TemplateName = keyof components['schemas']['NotifyTemplates'];

/**
 * The templates each moment asks consent for (platform/subscribe.ts), at most three (WeChat's
 * limit per call), in the order the dialog lists them. A new moment is one line here. Pure data,
 * so the BFF's consent test grants exactly what the app asks for.
 */
export const SUBSCRIBE_MOMENTS = {
  /** 提交订单: the store tells the customer when the order is ready to collect. */
  order_submitted: ['pickupReady'],
  /** 发起拼团 / 参团: whether the group formed (or the refund), then the pickup. */
  group_start: ['groupResult', 'pickupReady'],
  group_join: ['groupResult', 'pickupReady'],
  /** 开抢提醒 on a coming flash sale. */
  flash_reminder: ['flashStart'],
} as const satisfies Record<string, readonly TemplateName[]>;
